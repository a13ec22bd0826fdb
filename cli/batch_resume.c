/* batch_resume.c - the output of `ratel batch -o OUT`, resumable: rows go
 * to OUT.partial, and after each chunk, once its rows are on disk
 * (fdatasync), a checkpoint line is appended to OUT.resume: the chunk,
 * where the input and the output stand, the counts so far. Killed at any
 * moment (or the power cut between a write and its sync), a run started
 * again with --resume cuts OUT.partial back to the last checkpoint, reads
 * the input on from there and ends with the same bytes as a run never
 * interrupted; OUT.partial becomes OUT by a rename only when complete, so
 * OUT is never a partial file. Without --resume an existing OUT.partial
 * is refused, never appended to. A checkpoint line carries a checksum: a
 * line torn by a crash is ignored with everything after it.
 * (docs/cli.md, "batch --resume") */
#include "cli.h"
#include "journal.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <stdlib.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#define LOG_FORMAT "ratel-batch-resume 1"
#define LOG_LINE 1024

struct batch_resume {
    char *path, *partial, *log;
    int log_fd;
    char run[40];                /* this run's id, kept across resumes */
    char identity[512];          /* what must not change to resume */
    unsigned long long chunk;    /* the next chunk's number */
    unsigned long long out;      /* bytes of OUT.partial at the checkpoint */
    long kill_before_sync;       /* test hook, -1: none */
};

/* FNV-1a, 32 bits, written as 8 hex digits: a torn line's check. */
static void checksum(const char *s, size_t n, char out[9])
{
    uint32_t h = 2166136261u;
    size_t i;
    for (i = 0; i < n; i++)
        h = (h ^ (unsigned char)s[i]) * 16777619u;
    snprintf(out, 9, "%08x", (unsigned)h);
}

/* Appends `text` and " crc=XXXXXXXX\n" in one write. 0 or -1. */
static int append_line(int fd, const char *text)
{
    char line[LOG_LINE + 16], crc[9];
    size_t n = strlen(text);
    checksum(text, n, crc);
    n = (size_t)snprintf(line, sizeof line, "%s crc=%s\n", text, crc);
    return write(fd, line, n) == (ssize_t)n ? 0 : -1;
}

/* A log line without its checksum, when the checksum is right. */
static int line_ok(char *line)
{
    char *crc = strstr(line, " crc="), want[9];
    size_t n;
    if (!crc || strlen(crc) != 13 || crc[13] != '\0')
        return 0;
    n = (size_t)(crc - line);
    checksum(line, n, want);
    if (memcmp(crc + 5, want, 8) != 0)
        return 0;
    *crc = '\0';
    return 1;
}

static char *with_suffix(const char *path, const char *suffix)
{
    size_t n = strlen(path) + strlen(suffix) + 1;
    char *s = malloc(n);
    if (s)
        snprintf(s, n, "%s%s", path, suffix);
    return s;
}

static int exists(const char *path)
{
    struct stat st;
    return lstat(path, &st) == 0;
}

void batch_resume_close(batch_resume *r)
{
    if (!r)
        return;
    if (r->log_fd >= 0)
        close(r->log_fd);
    free(r->path);
    free(r->partial);
    free(r->log);
    free(r);
}

static batch_resume *resume_new(const char *path, const char *identity)
{
    batch_resume *r = calloc(1, sizeof *r);
    const char *hook = getenv("RATEL_TEST_KILL_BEFORE_SYNC");
    if (!r)
        return NULL;
    r->log_fd = -1;
    r->kill_before_sync = hook ? atol(hook) : -1;
    snprintf(r->identity, sizeof r->identity, "%s", identity);
    r->path = strdup(path);
    r->partial = with_suffix(path, ".partial");
    r->log = with_suffix(path, ".resume");
    if (!r->path || !r->partial || !r->log) {
        batch_resume_close(r);
        return NULL;
    }
    return r;
}

/* A new run: OUT.partial created empty, OUT.resume with its header. */
static int start(batch_resume *r, FILE **f)
{
    char header[LOG_LINE];
    struct timespec now;
    int fd;
    clock_gettime(CLOCK_REALTIME, &now);
    if (!r->run[0])
        snprintf(r->run, sizeof r->run, "%llx-%lx",
                 (unsigned long long)now.tv_sec * 1000000000ull +
                     (unsigned long long)now.tv_nsec,
                 (long)getpid());
    r->log_fd = open(r->log, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    snprintf(header, sizeof header, LOG_FORMAT " run=%s %s", r->run,
             r->identity);
    if (r->log_fd < 0 || append_line(r->log_fd, header) != 0 ||
        fsync(r->log_fd) != 0) {
        cli_error("%s: %s", r->log, strerror(errno));
        return -1;
    }
    fd = open(r->partial, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0 || !(*f = fdopen(fd, "w"))) {
        cli_error("%s: %s", r->partial, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    return 0;
}

/* A checkpoint line's fields. */
typedef struct checkpoint {
    unsigned long long chunk, in, out;
    long line;
    batch_counts counts;
} checkpoint;

static int parse_checkpoint(const char *s, checkpoint *c)
{
    int used = 0;
    return sscanf(s, "chunk=%llu in=%llu line=%ld out=%llu rows=%ld "
                  "quoted=%ld referred=%ld declined=%ld failed=%ld%n",
                  &c->chunk, &c->in, &c->line, &c->out, &c->counts.rows,
                  &c->counts.by_decision[RATEL_QUOTED],
                  &c->counts.by_decision[RATEL_REFERRED],
                  &c->counts.by_decision[RATEL_DECLINED],
                  &c->counts.failed, &used) == 9 &&
                   s[used] == '\0'
               ? 0
               : -1;
}

/* Reads OUT.resume: the run's header (which must match this run) and the
 * last checkpoint of the unbroken run of valid lines (*have 0: none);
 * *valid, the bytes of the log up to it. 0, or -1 after printing why. */
static int read_log(batch_resume *r, checkpoint *last, int *have,
                    off_t *valid)
{
    char line[LOG_LINE + 16], *run;
    FILE *f = fopen(r->log, "r");
    unsigned long long expect = 0;
    int rc = -1;
    *have = 0;
    if (!f) {
        cli_error("cannot resume: %s: %s (remove %s to start again)", r->log,
                  strerror(errno), r->partial);
        return -1;
    }
    if (!fgets(line, sizeof line, f) || !strchr(line, '\n') ||
        (*strchr(line, '\n') = '\0', !line_ok(line)) ||
        strncmp(line, LOG_FORMAT " run=", sizeof LOG_FORMAT + 4) != 0) {
        cli_error("cannot resume: %s is not a resume log, or a damaged one "
                  "(remove it and %s to start again)", r->log, r->partial);
        goto done;
    }
    run = line + sizeof LOG_FORMAT + 4;
    if (strlen(run) < 2 || !strchr(run, ' ') ||
        (size_t)(strchr(run, ' ') - run) >= sizeof r->run) {
        cli_error("cannot resume: %s is damaged", r->log);
        goto done;
    }
    memcpy(r->run, run, (size_t)(strchr(run, ' ') - run));
    if (strcmp(strchr(run, ' ') + 1, r->identity) != 0) {
        cli_error("cannot resume: the interrupted run was not this one "
                  "(another book, plan, format, plans or tables: %s); remove "
                  "%s and %s to start again", strchr(run, ' ') + 1,
                  r->partial, r->log);
        goto done;
    }
    *valid = ftello(f);
    while (fgets(line, sizeof line, f) && strchr(line, '\n')) {
        checkpoint c;
        *strchr(line, '\n') = '\0';
        if (!line_ok(line) || parse_checkpoint(line, &c) != 0 ||
            c.chunk != expect || (*have && (c.in < last->in ||
                                            c.out < last->out)))
            break; /* torn by a crash: this and what follows are lost */
        *last = c;
        *have = 1;
        expect++;
        *valid = ftello(f);
    }
    rc = 0;
done:
    fclose(f);
    return rc;
}

/* Continues the interrupted run: OUT.partial cut back to the last
 * checkpoint, the log to its last valid line, the input moved on. */
static int continue_run(batch_resume *r, batch_reader *rd,
                        batch_counts *counts, FILE **f, int *resumed)
{
    checkpoint last;
    struct stat st;
    off_t valid = 0;
    int have, fd;
    memset(&last, 0, sizeof last);
    if (read_log(r, &last, &have, &valid) != 0)
        return -1;
    if (!have) /* nothing was checkpointed: the same run from the start */
        return start(r, f);
    if (stat(r->partial, &st) != 0 ||
        (unsigned long long)st.st_size < last.out) {
        cli_error("cannot resume: %s is shorter than its last checkpoint "
                  "says (%llu bytes); remove it and %s to start again",
                  r->partial, last.out, r->log);
        return -1;
    }
    fd = open(r->partial, O_WRONLY | O_CLOEXEC);
    if (fd < 0 || ftruncate(fd, (off_t)last.out) != 0 ||
        lseek(fd, 0, SEEK_END) < 0 || !(*f = fdopen(fd, "w"))) {
        cli_error("%s: %s", r->partial, strerror(errno));
        if (fd >= 0)
            close(fd);
        return -1;
    }
    r->log_fd = open(r->log, O_WRONLY | O_CLOEXEC);
    if (r->log_fd < 0 || ftruncate(r->log_fd, valid) != 0 ||
        lseek(r->log_fd, 0, SEEK_END) < 0) {
        cli_error("%s: %s", r->log, strerror(errno));
        return -1;
    }
    if (batch_reader_seek(rd, last.in, last.line) != 0)
        return -1;
    r->chunk = last.chunk + 1;
    r->out = last.out;
    *counts = last.counts;
    *resumed = 1;
    fprintf(stderr, CLI_PROG " batch: resuming after line %ld (%llu chunks "
                    "of %s already written)\n",
            last.line, r->chunk, r->path);
    return 0;
}

int batch_resume_open(batch_resume **out, const char *path, int resume,
                      const char *identity, batch_reader *rd,
                      batch_counts *counts, FILE **f, int *resumed)
{
    batch_resume *r = resume_new(path, identity);
    int had, rc;
    *out = NULL;
    *f = NULL;
    *resumed = 0;
    if (!r) {
        cli_error("out of memory");
        return -1;
    }
    if (!exists(r->partial) && exists(r->log))
        unlink(r->log); /* a finished run killed before removing its log */
    had = exists(r->partial) || exists(r->log);
    if (had && !resume) {
        cli_error("%s exists: the output of an interrupted batch; continue "
                  "it with --resume, or remove it and %s", r->partial,
                  r->log);
        batch_resume_close(r);
        return -1;
    }
    rc = had ? continue_run(r, rd, counts, f, resumed) : start(r, f);
    if (rc != 0) {
        if (*f)
            fclose(*f);
        *f = NULL;
        batch_resume_close(r);
        return -1;
    }
    *out = r;
    return 0;
}

const char *batch_resume_run(const batch_resume *r) { return r->run; }

unsigned long long batch_resume_chunk(const batch_resume *r)
{
    return r->chunk;
}

int batch_resume_checkpoint(batch_resume *r, FILE *f, unsigned long long in,
                            long line, const batch_counts *c)
{
    char text[LOG_LINE];
    off_t out;
    if (fflush(f) != 0 || (out = ftello(f)) < 0)
        goto fail;
    if (r->kill_before_sync >= 0 &&
        (unsigned long long)r->kill_before_sync == r->chunk)
        raise(SIGKILL); /* tests: killed between the write and its sync */
    if (fdatasync(fileno(f)) != 0)
        goto fail;
    snprintf(text, sizeof text, "chunk=%llu in=%llu line=%ld out=%llu "
             "rows=%ld quoted=%ld referred=%ld declined=%ld failed=%ld",
             r->chunk, in, line, (unsigned long long)out, c->rows,
             c->by_decision[RATEL_QUOTED], c->by_decision[RATEL_REFERRED],
             c->by_decision[RATEL_DECLINED], c->failed);
    if (append_line(r->log_fd, text) != 0) {
        cli_error("%s: %s", r->log, strerror(errno));
        return -1;
    }
    r->chunk++;
    r->out = (unsigned long long)out;
    return 0;
fail:
    cli_error("%s: error writing: %s", r->partial, strerror(errno));
    return -1;
}

/* Makes a rename in the directory of `path` durable. */
static void sync_dir(const char *path)
{
    const char *slash = strrchr(path, '/');
    char *dir = slash ? strndup(path, (size_t)(slash - path + 1)) : NULL;
    int fd = open(dir ? dir : ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC);
    if (fd >= 0) {
        fsync(fd);
        close(fd);
    }
    free(dir);
}

int batch_resume_finish(batch_resume *r, FILE *f)
{
    int bad = fflush(f) != 0 || ferror(f) || fsync(fileno(f)) != 0;
    if (fclose(f) != 0)
        bad = 1;
    if (bad || rename(r->partial, r->path) != 0) {
        cli_error("%s: error writing: %s; %s and %s are kept for --resume",
                  r->path, strerror(errno), r->partial, r->log);
        return -1;
    }
    sync_dir(r->path);
    unlink(r->log);
    return 0;
}
