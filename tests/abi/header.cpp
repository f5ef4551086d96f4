// The public header from C++ (C++11 and C++17, g++ and clang++) at
// -Wall -Wextra -Wpedantic -Werror, linked and run: extern "C" must hold.
#include <smtpreply.h>
#include <smtpreply.h>

#include <cstdio>
#include <cstring>

static_assert(sizeof(smtpreply_options) == 16 * sizeof(unsigned), "options size");
static_assert(sizeof(smtpreply_parser) == sizeof(smtpreply_options) + 24 * sizeof(std::size_t),
              "parser size");
static_assert(SMTPREPLY_REASON_COUNT == SMTPREPLY_REASON_EXPIRED + 1, "reason count");

int main()
{
	static const char buf[] = "550 5.1.1 <bob@example.org>: no such user\r\n";
	smtpreply r{};
	smtpreply_parser p{};
	smtpreply_parser_init(&p, nullptr);
	int n = smtpreply_parser_parse(&p, buf, sizeof buf - 1, &r);
	if (n != static_cast<int>(sizeof buf - 1))
		return 1;
	const smtpreply_expl *e = smtpreply_explain_reply_enhanced(&r);
	std::printf("%d %s: %s\n", r.code, smtpreply_version(),
	            smtpreply_expl_text(e, SMTPREPLY_FIELD_NAME));
	return std::strcmp(smtpreply_reason_name(smtpreply_reason(&r, SMTPREPLY_CMD_RCPT)),
	                   "user_unknown") != 0;
}
