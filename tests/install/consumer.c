/* A program built outside the tree against an installed libsmtpreply, with
 * nothing but `pkg-config --cflags --libs libsmtpreply`. */
#include <smtpreply.h>

#include <stdio.h>
#include <string.h>

int main(void)
{
	static const char buf[] = "550-5.1.1 <bob@example.org>: no such user\r\n"
	                          "550 5.1.1 mailbox unavailable\r\n";
	struct smtpreply r;
	int n = smtpreply_parse(buf, sizeof buf - 1, NULL, &r);

	if (n != (int)(sizeof buf - 1))
		return 1;
	if (smtpreply_version_number() < SMTPREPLY_VERSION_NUM)
		return 2;
	printf("version %s\n", smtpreply_version());
	printf("code %d enhanced %d.%d.%d lines %zu\n", r.code, r.enhanced.klass,
	       r.enhanced.subject, r.enhanced.detail, r.nlines);
	printf("action %s\n",
	       smtpreply_action_name(smtpreply_action(&r, SMTPREPLY_CMD_RCPT)));
	printf("explained %d\n",
	       strlen(smtpreply_expl_text(smtpreply_explain_reply(&r, SMTPREPLY_CMD_RCPT),
	                                  SMTPREPLY_FIELD_NAME)) > 0);
	return 0;
}
