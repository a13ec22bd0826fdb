/* many.c - Engine.rate_many(): rates a sequence of declarations on N
 * threads (one context each) with the GIL released, yielding results in
 * input order. While the threads rate one chunk of 4,096 items, the
 * calling thread reads the next and hands out the results of the last,
 * as `ratel batch` overlaps reading, rating and writing. Results are the
 * rows `ratel batch` writes (format "jsonl" or "csv"), or Quote objects
 * and, for the items that failed, the ratel.Error they raised (not
 * raised: yielded) with format "quote". Engine.scheme (scheme_rate.c)
 * drives the same iterator with a take function that adds each chunk's
 * quotes to an account instead of handing them out. */
#include "many.h"

#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#define MAX_THREADS 256
#define ERR_SIZE 1024

/* The quote of one item's text (a JSON line, or a CSV row). A CSV row
 * that cannot be built leaves its message in err (one line naming the
 * column, as `ratel batch` words it); other errors are on the context. */
static int rate_text(ratel_quote **q, pyr_many *m, size_t worker,
                     const char *text, size_t len, char *err, size_t size)
{
    ratel_ctx *ctx = m->ctxs[worker];
    ratel_decl *own = NULL;
    int rc;

    if (m->csv != NULL) {
        rc = ratel_decl_parse_csv(&own, ctx, m->csv, text, len);
        if (rc != RATEL_OK)
            pyr_row_message(err, size, ctx, rc);
    } else
        rc = ratel_decl_parse(&own, ctx, m->schema, text, len);
    if (rc == RATEL_OK)
        rc = ratel_rate(q, ctx, own, &m->opts);
    ratel_decl_free(own);
    return rc;
}

static void rate_item(void *arg, size_t worker, size_t index)
{
    pyr_many *m = arg;
    many_chunk *c = m->inflight;
    many_item *it = &c->items[index];
    ratel_ctx *ctx = m->ctxs[worker];
    const char *text = c->arena.data ? c->arena.data + it->off : "";
    int quotes = m->format == MANY_QUOTE || m->format == MANY_SCHEME;
    ratel_quote *q = NULL;
    char err[ERR_SIZE];
    int rc;

    err[0] = '\0';
    if (it->kind == ITEM_ERROR) {
        snprintf(err, sizeof err, "%.*s", (int)it->len, text);
        rc = RATEL_EDECL;
    } else if (it->kind == ITEM_DECL) {
        rc = ratel_rate(&q, ctx, it->decl, &m->opts);
    } else {
        rc = rate_text(&q, m, worker, text, it->len, err, sizeof err);
    }
    if (rc == RATEL_OK && quotes) {
        it->quote = q;
        return;
    }
    if (rc != RATEL_OK && err[0] == '\0') { /* the error is on ctx */
        if (m->format == MANY_QUOTE) { /* the exception: its fields too */
            pyr_failure_capture(&it->fail, ctx, rc);
            return;
        }
        pyr_row_message(err, sizeof err, ctx, rc);
    }
    if (quotes)
        pyr_failure_set(&it->fail, rc, err);
    else if (rc == RATEL_OK)
        pyr_row_quote(&it->row, it->lineno, q, m->format == MANY_CSV);
    else
        pyr_row_error(&it->row, it->lineno, err, m->format == MANY_CSV);
    ratel_quote_free(q);
}

/* The results of a chunk the threads are done with (GIL held). */
static PyObject *results(pyr_many *m, many_chunk *c)
{
    PyObject *list = PyList_New((Py_ssize_t)c->n), *v;
    size_t i;

    for (i = 0; i < c->n; i++) {
        many_item *it = &c->items[i];
        if (list == NULL) {
            v = NULL;
        } else if (m->format != MANY_QUOTE) {
            v = it->row.oom ? PyErr_NoMemory()
                            : PyUnicode_DecodeUTF8(it->row.data,
                                                   (Py_ssize_t)it->row.len,
                                                   "surrogateescape");
        } else if (it->quote != NULL) {
            v = pyr_quote_wrap(it->quote, NULL);
            it->quote = NULL;
        } else {
            v = pyr_failure_exception(&it->fail);
        }
        ratel_quote_free(it->quote); /* only when the list failed */
        it->quote = NULL;
        pyr_failure_clear(&it->fail);
        if (list != NULL && v == NULL)
            Py_CLEAR(list);
        else if (list != NULL)
            PyList_SET_ITEM(list, (Py_ssize_t)i, v);
    }
    pyr_many_unkeep(c);
    return list;
}

static void wait_inflight(pyr_many *m)
{
    if (m->inflight == NULL)
        return;
    Py_BEGIN_ALLOW_THREADS
    pyr_pool_wait(m->pool);
    Py_END_ALLOW_THREADS
}

static void submit(pyr_many *m, many_chunk *c)
{
    m->inflight = c;
    pyr_pool_submit(m->pool, c->n, rate_item, m);
}

/* Stops the threads and gives the contexts and the engine back. */
static void finish(pyr_many *m)
{
    size_t i;
    if (m->inflight != NULL) {
        wait_inflight(m);
        Py_XDECREF(results(m, m->inflight));
        m->inflight = NULL;
    }
    pyr_pool_stop(m->pool);
    m->pool = NULL;
    for (i = 0; m->ctxs != NULL && i < m->nthreads; i++)
        if (m->ctxs[i] != NULL)
            pyr_ctx_put(m->engine, m->ctxs[i]);
    free(m->ctxs);
    m->ctxs = NULL;
    Py_CLEAR(m->iter);
}

/* Makes the next chunk's results m->out: 0, 1 at the end, -1 on an
 * error (the input raised, or no memory). */
static int refill(pyr_many *m)
{
    many_chunk *done, *spare;
    int rc;

    if (m->inflight == NULL) {
        if (m->iter == NULL || m->pool == NULL)
            return 1;
        if (pyr_many_read(m, m->chunk[0]) != 0)
            return -1;
        if (m->chunk[0]->n == 0)
            return 1;
        submit(m, m->chunk[0]);
    }
    done = m->inflight;
    spare = done == m->chunk[0] ? m->chunk[1] : m->chunk[0];
    rc = pyr_many_read(m, spare); /* while the threads rate `done` */
    wait_inflight(m);
    m->inflight = NULL;
    if (rc == 0 && spare->n > 0)
        submit(m, spare);
    if (m->take == NULL)
        m->out = results(m, done);
    else /* results taken, none handed out */
        m->out = m->take(m, done) == 0 ? PyList_New(0) : NULL;
    m->outpos = 0;
    return rc == 0 && m->out != NULL ? 0 : -1;
}

static PyObject *many_next(pyr_many *m)
{
    PyObject *v = NULL;
    int rc = 0;

    if (m->running)
        return pyr_raise(RATEL_EARG, "rate_many: the iterator is already "
                                     "running in another thread");
    m->running = 1;
    while (m->out == NULL || m->outpos >= PyList_GET_SIZE(m->out)) {
        Py_CLEAR(m->out);
        if ((rc = refill(m)) != 0)
            break;
    }
    if (rc == 0) {
        v = Py_NewRef(PyList_GET_ITEM(m->out, m->outpos++));
    } else { /* the end, or an error kept while the threads stop */
        PyObject *type, *value, *tb;
        PyErr_Fetch(&type, &value, &tb);
        finish(m);
        PyErr_Restore(type, value, tb);
    }
    m->running = 0;
    return v;
}

static void many_dealloc(pyr_many *m)
{
    int k;
    finish(m);
    for (k = 0; k < 2; k++) {
        size_t i;
        if (m->chunk[k] == NULL)
            continue;
        for (i = 0; i < PYR_CHUNK; i++)
            pyr_buf_free(&m->chunk[k]->items[i].row);
        pyr_buf_free(&m->chunk[k]->arena);
        Py_XDECREF(m->chunk[k]->keep);
        free(m->chunk[k]);
    }
    Py_XDECREF(m->out);
    ratel_csv_header_free(m->csv); /* before the engine it borrows from */
    if (m->engine != NULL)
        Py_DECREF(m->engine);
    free(m->plan);
    Py_TYPE(m)->tp_free((PyObject *)m);
}

static int parse_format(const char *f, int *out)
{
    if (strcmp(f, "jsonl") == 0)
        *out = MANY_JSONL;
    else if (strcmp(f, "csv") == 0)
        *out = MANY_CSV;
    else if (strcmp(f, "quote") == 0)
        *out = MANY_QUOTE;
    else {
        pyr_raise(RATEL_EARG, "format must be 'jsonl', 'csv' or 'quote', "
                              "got '%s'", f);
        return -1;
    }
    return 0;
}

/* The contexts, chunks and threads of a new iterator. 0 or -1. */
static int start(pyr_many *m)
{
    size_t i;
    int k;

    if ((m->ctxs = calloc(m->nthreads, sizeof *m->ctxs)) == NULL)
        goto nomem;
    for (i = 0; i < m->nthreads; i++)
        if ((m->ctxs[i] = pyr_ctx_take(m->engine, 1)) == NULL)
            return -1;
    for (k = 0; k < 2; k++) {
        if ((m->chunk[k] = calloc(1, sizeof *m->chunk[k])) == NULL ||
            (m->chunk[k]->keep = PyList_New(0)) == NULL)
            goto nomem;
    }
    if ((m->pool = pyr_pool_start(m->nthreads)) == NULL)
        goto nomem;
    return 0;
nomem:
    PyErr_NoMemory();
    return -1;
}

pyr_many *pyr_many_new(pyr_engine *e, PyObject *items, PyObject *threads,
                       const char *plan, int format, long first,
                       int worksheet)
{
    long n;
    pyr_many *m;

    if (pyr_engine_check(e) != 0)
        return NULL;
    n = threads == Py_None ? sysconf(_SC_NPROCESSORS_ONLN)
                           : PyLong_AsLong(threads);
    if (n == -1 && PyErr_Occurred())
        return NULL;
    if (n < 1 || n > MAX_THREADS) {
        pyr_raise(RATEL_EARG, "threads must be from 1 to %d, got %ld",
                  MAX_THREADS, n);
        return NULL;
    }
    if ((m = PyObject_New(pyr_many, &pyr_ManyType)) == NULL)
        return NULL;
    memset((char *)m + sizeof(PyObject), 0, sizeof *m - sizeof(PyObject));
    m->engine = (pyr_engine *)Py_NewRef(e);
    m->format = format;
    m->next_line = first;
    m->nthreads = (size_t)n;
    if (plan != NULL && (m->plan = strdup(plan)) == NULL) {
        Py_DECREF(m);
        PyErr_NoMemory();
        return NULL;
    }
    m->schema = pyr_plan_schema(e->eng, m->plan);
    ratel_rate_options_init(&m->opts, RATEL_RATE_OPTIONS_VERSION);
    m->opts.plan_id = m->plan;
    m->opts.flags = worksheet ? 0u : RATEL_RATE_NO_WORKSHEET;
    if ((m->iter = PyObject_GetIter(items)) == NULL || start(m) != 0) {
        Py_DECREF(m);
        return NULL;
    }
    return m;
}

int pyr_many_drain(pyr_many *m)
{
    PyObject *v = many_next(m); /* NULL at the end: no result is handed */
    Py_XDECREF(v);
    return PyErr_Occurred() ? -1 : 0;
}

PyObject *pyr_engine_rate_many(pyr_engine *e, PyObject *args, PyObject *kw)
{
    static char *kwlist[] = {"items", "threads", "plan", "format", "start",
                             "worksheet", NULL};
    PyObject *items, *threads = Py_None;
    const char *plan = NULL, *format = "jsonl";
    long first = 1;
    int worksheet = 0, fmt;

    if (!PyArg_ParseTupleAndKeywords(args, kw, "O|Ozslp:rate_many", kwlist,
                                     &items, &threads, &plan, &format, &first,
                                     &worksheet))
        return NULL;
    if (parse_format(format, &fmt) != 0)
        return NULL;
    return (PyObject *)pyr_many_new(e, items, threads, plan, fmt, first,
                                    worksheet);
}

PyTypeObject pyr_ManyType = {
    PyVarObject_HEAD_INIT(NULL, 0)
    .tp_name = "ratel.RateMany",
    .tp_basicsize = sizeof(pyr_many),
    .tp_flags = Py_TPFLAGS_DEFAULT,
    .tp_doc = "The iterator of Engine.rate_many: results in input order.",
    .tp_dealloc = (destructor)many_dealloc,
    .tp_iter = PyObject_SelfIter,
    .tp_iternext = (iternextfunc)many_next,
};
