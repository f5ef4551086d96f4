/* phrases.h - the generated phrase automaton (phrases.c), as classify.c sees
 * it.
 *
 * phrases.c is written by tools/gen_phrases.py from data/reason-phrases.txt
 * (`make regen`); the generator's docstring describes every array. Keep the
 * types here in sync with what it prints. */
#ifndef SMTPREPLY_PHRASES_H
#define SMTPREPLY_PHRASES_H

#include <stdint.h>

#include "phrases_shape.h" /* SR_PH_NDENSE, SR_PH_NOUT_FIRST, SR_PH_SPACE,
                            * SR_PH_START: generated with phrases.c */

#if defined(__GNUC__)
#define SR_PH_HIDDEN __attribute__((visibility("hidden")))
#else
#define SR_PH_HIDDEN
#endif

extern const uint16_t sr_ph_nstate SR_PH_HIDDEN;
extern const uint16_t sr_ph_nphrase SR_PH_HIDDEN;
extern const uint8_t sr_ph_nclass SR_PH_HIDDEN;
extern const uint8_t sr_ph_nprovider SR_PH_HIDDEN;
extern const char sr_ph_provider_pool[] SR_PH_HIDDEN;
extern const uint8_t sr_ph_provider_name[] SR_PH_HIDDEN; /* pool offsets */
extern const uint8_t sr_ph_class[256] SR_PH_HIDDEN;
/* States: [0, SR_PH_NOUT_FIRST) dense, nothing ends there;
 * [SR_PH_NOUT_FIRST, SR_PH_NDENSE) dense, something ends there;
 * [SR_PH_NDENSE, SR_PH_NSTATE) chain states. SR_PH_START is where the scan
 * starts (the root after a space). SR_PH_SPACE is the class of white
 * space; a state whose bytes end in a space keeps still on another one. */
/* Rows in parts of SR_PH_HALF columns: the first part of every row
 * (the space and the bytes replies use most, by data/phrase-profile.txt;
 * class k in column k - 1, class 0, bytes no phrase uses, in the last),
 * then the second part of every row, and so on; class k's entry of dense
 * state s is [s * SR_PH_HALF + sr_ph_col of a byte of class k]: (j /
 * SR_PH_HALF) * SR_PH_NDENSE * SR_PH_HALF + j % SR_PH_HALF for its column
 * j (reason_scan.c, col_of). With SR_PH_SHIFT 3 a dense state's word is
 * the byte offset s * SR_PH_HALF * 2 (reason_scan.c, row_entry). */
extern const uint16_t sr_ph_rows[] SR_PH_HIDDEN;
extern const uint32_t sr_ph_col[256] SR_PH_HIDDEN; /* byte -> column */
/* Chain states are numbered in runs, one after another along their edges
 * (the runs the profile ranks first first). By chain state (s -
 * SR_PH_NDENSE): one entry, where its run leads once all of it matched
 * (the edge of its last state, or of the 255th from it) << 48 | its
 * failure link << 32 |
 * how many states of its run are left from it (1-255) << 24 | where its
 * edge leads << 8 | 0x80 if its bytes end in a space | the class of its
 * edge (the link beside the edge: a miss reads no second cache line); the
 * byte of its edge (lowercase), at [s - SR_PH_NDENSE + 16]: 16 zero bytes
 * before the first and after the last. */
extern const uint64_t sr_ph_chain[] SR_PH_HIDDEN;
extern const uint8_t sr_ph_chain_byte[] SR_PH_HIDDEN;
/* By output state (s - SR_PH_NOUT_FIRST): 1 + the longest phrase ending
 * there, or 0 (bits 0-13) | 1 + the provider whose marker ends there, or 0
 * (bits 16-23) | SR_PH_OUT_SPACED if that phrase holds a space and no
 * '@' after its last space, or
 * SR_PH_OUT_WORD if it is one word without an '@' | SR_PH_OUT_REASONS if
 * it and every phrase through its suffix links are reason phrases. */
extern const uint32_t sr_ph_out_word[] SR_PH_HIDDEN;
#define SR_PH_OUT_SPACED (1u << 24)
#define SR_PH_OUT_WORD (1u << 25)
#define SR_PH_OUT_REASONS (1u << 26)
/* ... | SR_PH_OUT_LABEL if that phrase is a label word (sr_ph_label):
 * when it is a whole label of a dotted host name (or a whole part of one
 * between '-'), the label words that end there, it and those through its
 * suffix links, are not read (reason_scan.c, host_word). */
#define SR_PH_OUT_LABEL (1u << 27)
/* By phrase: 1 + its longest proper suffix that is a phrase, or 0 (bits
 * 0-13) | 2 strong, 1 weak, 0 hint (bits 14-15) | its sr_ph_reason (bits
 * 16-23) | its length (bits 24-31). */
extern const uint32_t sr_ph_word[] SR_PH_HIDDEN;
extern const uint8_t sr_ph_reason[] SR_PH_HIDDEN; /* enum smtpreply_reason,
                                                   * or SR_PH_QUOTE... */
extern const uint16_t sr_ph_code[] SR_PH_HIDDEN;  /* code tokens: 550 */
/* By phrase: 1 for a reason phrase of letters, digits and '-' only that
 * data/reason-phrases.txt does not mark a `name`: not read inside a
 * dotted host name (reason_scan.c, host_word). */
extern const uint8_t sr_ph_label[] SR_PH_HIDDEN;
extern const uint16_t sr_ph_nsrc SR_PH_HIDDEN;
extern const char sr_ph_src_pool[] SR_PH_HIDDEN;
extern const uint16_t sr_ph_src_name[] SR_PH_HIDDEN;  /* pool offsets */
extern const uint16_t sr_ph_src_first[] SR_PH_HIDDEN; /* nphrase + 1 */
extern const uint16_t sr_ph_src[] SR_PH_HIDDEN;       /* name indexes */
/* The phrases with a byte of 0x80 or more (UTF-8), which the automaton
 * leaves out (each such byte would need a class, and a row has 64): their
 * phrase indexes, and their bytes (lowercase ASCII, single spaces) at
 * sr_ph_u8_byte[sr_ph_u8_off[j] .. sr_ph_u8_off[j + 1]). reason_scan.c's
 * scan_u8 looks for them in a reply with such bytes. */
extern const uint16_t sr_ph_nu8 SR_PH_HIDDEN;
extern const uint16_t sr_ph_u8[] SR_PH_HIDDEN;
extern const uint16_t sr_ph_u8_off[] SR_PH_HIDDEN;    /* nu8 + 1 */
extern const uint8_t sr_ph_u8_byte[] SR_PH_HIDDEN;
/* By UTF-8 phrase j: its first byte of 0x80 or more. */
extern const uint8_t sr_ph_u8_high[] SR_PH_HIDDEN;

/* sr_ph_reason values beyond enum smtpreply_reason. */
#define SR_PH_PROVIDER 100 /* + enum smtpreply_reason: a provider's own
                            * code with its documented meaning ("[tss04]",
                            * "aup#cxbl"; data/provider-codes.txt) */
#define SR_PH_QUOTE 200   /* a reporting server's words before a quoted
                           * reply: "said:" */
#define SR_PH_CODE 201    /* a reply code as a word: " 550 " */
#define SR_PH_SENDER 202  /* the refusal is a check of the sender's
                           * address: "sender address rejected" */
#define SR_PH_SIGN 203    /* + k: a sign that a rule's words may be in
                           * the text ("shutting"; data's about=NAME
                           * lines, k = SR_SIGN_NAME of phrases_shape.h):
                           * classify.c reads them exactly only then */
#define SR_PH_COMMAND 224 /* + enum smtpreply_command: "in reply to RCPT
                           * TO command" */

#endif
