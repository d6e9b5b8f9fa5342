/* SPDX-License-Identifier: MIT */
/*
 * ecc_doc_text: the text half of ecc_doc, with no libclang dependency so it
 * can be unit-tested and fuzzed on its own. It takes one raw doc comment
 * (markers included, exactly as libclang's clang_Cursor_getRawCommentText
 * returns it) and adds its keys to a cJSON object.
 *
 * Rules (package-format.md, section 3):
 *   - comment markers are stripped: `///`, `//!`, `/` `**`, `*` `/`, leading `*`;
 *   - text before the first `@key` is the description; lines of a paragraph
 *     are joined with one space, paragraphs (split by an empty line) with
 *     a newline, so a multi-line description is kept whole; a list item
 *     (`- x`, `* x`, `1. x`) starts a new line;
 *   - `@key value` runs until the next line starting with `@`; the value
 *     is JSON when it parses as JSON (it may span lines), else a string.
 *     Text on the lines after a complete JSON value continues the
 *     description. A bare `@key` (no value) is true;
 *   - brief, details, version and description always stay strings;
 *   - cmdarg, sample, tchook, tcopts, xdpopts, ifindex and flags are checked
 *     for shape; a bad value is an error naming file:line.
 *
 * Errors: 0, -EINVAL (bad value, logged once with file:line) or -ENOMEM.
 */
#ifndef ECC_DOC_TEXT_H
#define ECC_DOC_TEXT_H

#include <cJSON.h>

/* What the comment documents: decides nothing about parsing, only which
 * keys are checked and how messages name the thing. */
enum ecc_doc_kind {
	ECC_DOC_GLOBAL,
	ECC_DOC_MAP,
	ECC_DOC_PROG,
	ECC_DOC_LICENSE,
};

/*
 * Parse `raw` (a doc comment whose first line is line `line` of `file`)
 * and add its keys to `obj`; a key given twice keeps the last value,
 * except description text, which is appended.
 */
int ecc_doc_text__parse(const char *raw, enum ecc_doc_kind kind, const char *file,
			unsigned int line, cJSON *obj);

#endif /* ECC_DOC_TEXT_H */
