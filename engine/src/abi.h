/* abi.h - structs the library fills for the caller, across versions.
 *
 * A public struct the library fills (ratel_reason, ratel_step, ...) only
 * ever grows at its end. Each getter receives the size of the caller's
 * struct (ratel.h's macro of the getter's name passes sizeof): the
 * library fills the struct it knows in full, then copies what both know.
 * A caller compiled against an older header gets the fields it knows; one
 * compiled against a newer header gets the fields of this library and
 * zeroes after them. A struct smaller than its 1.0 layout (its 1.0 last
 * field, named in ABI_END) is refused with RATEL_EARG. When a field is
 * added to a struct, the ABI_END of its getters keeps naming the 1.0
 * last field. */
#ifndef RATEL_ABI_H
#define RATEL_ABI_H

#include <stddef.h>
#include <string.h>

/* The size of `type` up to and including its member `last`. */
#define ABI_END(type, last) \
    (offsetof(type, last) + sizeof(((type *)0)->last))

/* 1 when `out` is not NULL and `size` holds at least `least` bytes. */
static inline int abi_size_ok(const void *out, size_t size, size_t least)
{
    return out != NULL && size >= least;
}

/* Copies the library's struct `full` of full_size bytes into the caller's
 * `out` of out_size bytes: the common part, and zeroes past the library's
 * end. */
static inline void abi_copy_out(void *out, size_t out_size, const void *full,
                                size_t full_size)
{
    if (out_size <= full_size) {
        memcpy(out, full, out_size);
    } else {
        memcpy(out, full, full_size);
        memset((char *)out + full_size, 0, out_size - full_size);
    }
}

#endif
