/* cmd.h - the subcommands main.c dispatches to. Each takes its argv with
 * argv[0] the subcommand's name and returns the exit status. */
#ifndef SMTPREPLY_CLI_CMD_H
#define SMTPREPLY_CLI_CMD_H

int cmd_explain(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_parse(int argc, char **argv);
int cmd_stats(int argc, char **argv);
int cmd_bounce(int argc, char **argv);
int cmd_list(int argc, char **argv);
int cmd_site(int argc, char **argv);

#endif
