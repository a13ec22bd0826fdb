/* decl_vocab.c - the fixed vocabularies of the declaration format. The
 * index of a name is its code: never reorder, only append. Each list is
 * written once and gives both the names and their lengths. */
#include "decl.h"

#include <string.h>

#define INDUSTRIES(X)                                                        \
    X(manufacturing) X(retail) X(wholesale) X(logistics) X(food_service)    \
    X(construction) X(it_services) X(finance) X(healthcare)                 \
    X(professional_services) X(education) X(other)

#define INCIDENT_TYPES(X)                                                    \
    X(ransomware) X(data_breach) X(business_email_compromise) X(ddos)       \
    X(malware) X(other)

#define CONTROLS(X)                                                          \
    X(security_policy) X(risk_assessment) X(csirt) X(incident_response_plan) \
    X(ir_drills) X(mfa) X(edr) X(offline_backup) X(patch_management)        \
    X(vpn_maintenance) X(access_control) X(encryption) X(log_collection)    \
    X(log_retention) X(log_analysis) X(staff_training)                      \
    X(supplier_management) X(physical_security)

#define CERTIFICATIONS(X)                                                    \
    X(isms) X(pmark) X(security_action_1) X(security_action_2)              \
    X(cyber_certification)

#define NAME(w) #w,
#define LEN(w) sizeof #w - 1,

/* One vocabulary: the public names, their lengths and the lookup record;
 * the list must hold exactly `count` names. */
#define VOCAB(list, names, count, lens, vocab)                               \
    const char *const names[count] = {list(NAME)};                          \
    static const unsigned char lens[] = {list(LEN)};                        \
    _Static_assert(sizeof lens == count, #list " must have " #count          \
                   " names");                                               \
    const decl_vocab vocab = {names, lens, count};

VOCAB(INDUSTRIES, decl_industries, DECL_NINDUSTRIES, industry_lens,
      decl_vocab_industries)
VOCAB(INCIDENT_TYPES, decl_incident_types, DECL_NINCIDENT_TYPES,
      incident_type_lens, decl_vocab_incident_types)
VOCAB(CONTROLS, decl_controls, DECL_NCONTROLS, control_lens,
      decl_vocab_controls)
VOCAB(CERTIFICATIONS, decl_certifications, DECL_NCERTIFICATIONS,
      certification_lens, decl_vocab_certifications)

int decl_vocab_find(const decl_vocab *v, const char *name, size_t len)
{
    int i;
    /* length and first byte before the rest (no word is empty, so name[0]
     * is there when the lengths agree); a name holding a NUL byte never
     * matches, as no word of a vocabulary holds one */
    for (i = 0; i < v->n; i++)
        if (v->lens[i] == len && v->names[i][0] == name[0] &&
            memcmp(v->names[i], name, len) == 0)
            return i;
    return -1;
}

int decl_vocab_find_near(const decl_vocab *v, const char *name, size_t len,
                         int guess)
{
    if (guess >= 0 && guess < v->n && v->lens[guess] == len &&
        memcmp(v->names[guess], name, len) == 0)
        return guess;
    return decl_vocab_find(v, name, len);
}
