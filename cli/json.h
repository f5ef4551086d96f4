/* json.h - a small JSON writer whose output is always valid UTF-8. Commas
 * between members are managed through an `int *first` the caller starts
 * at 1 for each object. */
#ifndef SMTPREPLY_CLI_JSON_H
#define SMTPREPLY_CLI_JSON_H

#include <stddef.h>
#include <stdio.h>

/* A JSON string from arbitrary bytes (esc_json); NULL prints null. */
void json_str(FILE *f, const char *p, size_t n);
void json_cstr(FILE *f, const char *s); /* NUL-terminated, NULL -> null */
void json_key(FILE *f, int *first, const char *key);
void json_kv_str(FILE *f, int *first, const char *key, const char *s);
void json_kv_int(FILE *f, int *first, const char *key, long long v);
void json_kv_null(FILE *f, int *first, const char *key);
void json_kv_bool(FILE *f, int *first, const char *key, int v);
/* "key":[...] from SMTPREPLY_F_* bits, by the library's flag names. */
void json_kv_flags(FILE *f, int *first, const char *key, unsigned flags);

#endif
