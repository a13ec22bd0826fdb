/* input.c - what a rating call accepts as a declaration: a dict (made
 * JSON text here), JSON text as str or bytes, or a ratel.Declaration;
 * held without copying while the GIL is released. */
#include "pyr.h"

#include <string.h>

int pyr_input_get(pyr_input *in, pyr_engine *e, PyObject *obj)
{
    memset(in, 0, sizeof *in);
    if (PyObject_TypeCheck(obj, &pyr_DeclType)) {
        pyr_decl *d = (pyr_decl *)obj;
        if (d->decl == NULL || d->engine != e) {
            pyr_raise(RATEL_EARG, "the Declaration belongs to another "
                                  "engine");
            return -1;
        }
        d->readers++;
        in->decl = d;
    } else if (PyUnicode_Check(obj)) {
        Py_ssize_t n;
        if ((in->text = PyUnicode_AsUTF8AndSize(obj, &n)) == NULL)
            return -1;
        in->len = (size_t)n;
    } else if (PyDict_Check(obj)) {
        pyr_json_error err;
        int rc = pyr_tojson(&in->json, obj, &err);
        if (rc != 0) {
            if (rc == -1)
                pyr_raise_field(err.path, err.message);
            pyr_buf_free(&in->json);
            return -1;
        }
        in->text = in->json.data ? in->json.data : "";
        in->len = in->json.len;
    } else if (PyObject_CheckBuffer(obj)) {
        if (PyObject_GetBuffer(obj, &in->view, PyBUF_SIMPLE) != 0)
            return -1;
        in->text = in->view.buf;
        in->len = (size_t)in->view.len;
    } else {
        PyErr_Format(PyExc_TypeError, "a declaration is a dict, JSON text "
                     "(str or bytes) or a ratel.Declaration, not '%.100s'",
                     Py_TYPE(obj)->tp_name);
        return -1;
    }
    in->owner = Py_NewRef(obj);
    return 0;
}

void pyr_input_release(pyr_input *in)
{
    if (in->decl != NULL)
        in->decl->readers--;
    if (in->view.obj != NULL)
        PyBuffer_Release(&in->view);
    pyr_buf_free(&in->json);
    Py_CLEAR(in->owner);
    memset(in, 0, sizeof *in);
}

int pyr_input_decl(const ratel_decl **out, ratel_decl **own, ratel_ctx *ctx,
                   const pyr_input *in, const char *schema)
{
    int rc;
    *own = NULL;
    if (in->decl != NULL) {
        *out = in->decl->decl;
        return RATEL_OK;
    }
    rc = ratel_decl_parse(own, ctx, schema, in->text, in->len);
    *out = *own;
    return rc;
}

int pyr_input_rate(ratel_quote **out, ratel_ctx *ctx, const pyr_input *in,
                   const char *schema, const ratel_rate_options *opts)
{
    const ratel_decl *d;
    ratel_decl *own;
    int rc = pyr_input_decl(&d, &own, ctx, in, schema);
    *out = NULL;
    if (rc == RATEL_OK)
        rc = ratel_rate(out, ctx, d, opts);
    ratel_decl_free(own);
    return rc;
}
