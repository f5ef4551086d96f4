/* /usr/sbin/exim4 in Exim's mount namespace for tests/interop/ownwords.sh
 * (installed setuid root there): become root wholly, so that the exec
 * below is not a secure one and the loader reads LD_LIBRARY_PATH, then
 * run the package's binary (a copy without its setuid bit). ownwords.sh
 * replaces @LDPATH@. */
#define _GNU_SOURCE
#include <stdlib.h>
#include <unistd.h>

int main(int argc, char **argv)
{
	(void)argc;
	if (setresgid(0, 0, 0) != 0 || setresuid(0, 0, 0) != 0)
		return 75;
	setenv("LD_LIBRARY_PATH", "@LDPATH@", 1);
	execv("/usr/sbin/exim4.real", argv);
	return 75;
}
