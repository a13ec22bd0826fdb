/* decl_vocab.c - the fixed vocabularies of the declaration format. The
 * index of a name is its code: never reorder, only append. */
#include "decl.h"

#include <string.h>

const char *const decl_industries[DECL_NINDUSTRIES] = {
    "manufacturing", "retail", "wholesale", "logistics", "food_service",
    "construction", "it_services", "finance", "healthcare",
    "professional_services", "education", "other"};

const char *const decl_incident_types[DECL_NINCIDENT_TYPES] = {
    "ransomware", "data_breach", "business_email_compromise", "ddos",
    "malware", "other"};

const char *const decl_controls[DECL_NCONTROLS] = {
    "security_policy", "risk_assessment", "csirt", "incident_response_plan",
    "ir_drills", "mfa", "edr", "offline_backup", "patch_management",
    "vpn_maintenance", "access_control", "encryption", "log_collection",
    "log_retention", "log_analysis", "staff_training", "supplier_management",
    "physical_security"};

const char *const decl_certifications[DECL_NCERTIFICATIONS] = {
    "isms", "pmark", "security_action_1", "security_action_2",
    "cyber_certification"};

int decl_name_is(const char *want, const char *name, size_t len)
{
    /* strnlen first: `name` may hold NUL bytes and need not end with one */
    return strnlen(want, len + 1) == len && memcmp(want, name, len) == 0;
}

int decl_vocab_find(const char *const *vocab, int n, const char *name,
                    size_t len)
{
    int i;
    if (len == 0)
        return -1; /* no name is empty */
    for (i = 0; i < n; i++) /* first byte first: most names differ there */
        if (vocab[i][0] == name[0] && decl_name_is(vocab[i], name, len))
            return i;
    return -1;
}
