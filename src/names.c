/* names.c - the library's version and the names of results and flags. */
#include "internal.h"

const char *smtpreply_version(void)
{
	return SMTPREPLY_VERSION;
}

unsigned smtpreply_version_number(void)
{
	return SMTPREPLY_VERSION_NUM;
}

const char *smtpreply_result_name(int result)
{
	switch (result) {
	case SMTPREPLY_INCOMPLETE: return "incomplete";
	case SMTPREPLY_E_BAD_CODE: return "bad_code";
	case SMTPREPLY_E_BAD_SEPARATOR: return "bad_separator";
	case SMTPREPLY_E_CODE_RANGE: return "code_range";
	case SMTPREPLY_E_LINE_TOO_LONG: return "line_too_long";
	case SMTPREPLY_E_TOO_MANY_LINES: return "too_many_lines";
	case SMTPREPLY_E_REPLY_TOO_BIG: return "reply_too_big";
	case SMTPREPLY_E_REJECTED: return "rejected";
	case SMTPREPLY_E_INVALID_ARGUMENT: return "invalid_argument";
	default: return result > 0 ? "ok" : "unknown";
	}
}

const char *smtpreply_result_message(int result)
{
	switch (result) {
	case SMTPREPLY_INCOMPLETE:
		return "the reply has not ended yet; more bytes are needed";
	case SMTPREPLY_E_BAD_CODE:
		return "the line does not start with a three-digit reply code";
	case SMTPREPLY_E_BAD_SEPARATOR:
		return "the reply code is not followed by a space, '-' or the line end";
	case SMTPREPLY_E_CODE_RANGE:
		return "the reply code's first digit is not 1 to 5";
	case SMTPREPLY_E_LINE_TOO_LONG:
		return "a reply line is longer than the line limit";
	case SMTPREPLY_E_TOO_MANY_LINES:
		return "the reply has more lines than the line-count limit";
	case SMTPREPLY_E_REPLY_TOO_BIG:
		return "the reply is longer than the reply-size limit";
	case SMTPREPLY_E_REJECTED:
		return "the reply breaks a rule that the options enforce";
	case SMTPREPLY_E_INVALID_ARGUMENT:
		return "invalid argument (NULL buffer, reply or parser)";
	default:
		return result > 0 ? "a complete reply" : "unknown result";
	}
}

const char *smtpreply_flag_name(unsigned flag)
{
	switch (flag) {
	case SMTPREPLY_F_BARE_LF: return "bare_lf";
	case SMTPREPLY_F_BARE_CR: return "bare_cr";
	case SMTPREPLY_F_NONSTANDARD_CODE: return "nonstandard_code";
	case SMTPREPLY_F_CODELESS_LINE: return "codeless_line";
	case SMTPREPLY_F_CODE_MISMATCH: return "code_mismatch";
	case SMTPREPLY_F_ENHANCED_MISMATCH: return "enhanced_mismatch";
	case SMTPREPLY_F_ENHANCED_INCONSISTENT: return "enhanced_inconsistent";
	case SMTPREPLY_F_LEADING_EMPTY: return "leading_empty";
	case SMTPREPLY_F_EIGHT_BIT: return "eight_bit";
	case SMTPREPLY_F_INVALID_UTF8: return "invalid_utf8";
	case SMTPREPLY_F_CONTROL: return "control";
	case SMTPREPLY_F_NUL: return "nul";
	case SMTPREPLY_F_LONG_LINE: return "long_line";
	case SMTPREPLY_F_SKIPPED_JUNK: return "skipped_junk";
	default: return "";
	}
}
