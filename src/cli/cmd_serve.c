/*
 * vndoc serve: the registration cycle as a web page (serve/serve.h).
 */
#include <arpa/inet.h>
#include <ifaddrs.h>
#include <netinet/in.h>
#include <pthread.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <unistd.h>

#include "cli/cmd.h"
#include "cli/exit.h"
#include "cli/opt.h"
#include "core/limits.h"
#include "serve/serve.h"

#ifndef VNDOC_TEMPLATES_DIR
#define VNDOC_TEMPLATES_DIR "templates"
#endif

static const char serve_usage[] =
	"usage: vndoc serve [options]\n"
	"\n"
	"Serves the registration cycle as a web page: upload the unit list or the\n"
	"registration data, download the plan and every unit's blank form, drop in\n"
	"the forms that come back, see which units are missing or have problems,\n"
	"download the summary (README, \"vndoc serve\" and \"HTTP API\").  Campaigns\n"
	"are kept in DIR, one folder each.  Prints the address to open, then runs\n"
	"until interrupted (Ctrl-C).\n"
	"\n"
	"Options:\n"
	"      --port N           the port (default 8080; 0: a free one)\n"
	"      --bind ADDR        the IPv4 address to listen on (default 127.0.0.1);\n"
	"                         any other needs the access token the printed\n"
	"                         address carries\n"
	"      --dir DIR          the campaigns (default $XDG_DATA_HOME/vndoc/campaigns,\n"
	"                         else ~/.local/share/vndoc/campaigns)\n"
	"      --template DIR     templates, as for vndoc batch\n"
	"  -j, --jobs N           worker threads for heavy work, and the threads of the\n"
	"                         batch one download runs (1 to 4, default 2)\n"
	"  -q, --quiet            nothing but the address\n"
	"  -h, --help             show this help\n"
	"\n"
	"Exit status: 0 after an interrupt, 2 usage, 3 the folder or port cannot be taken.\n";

enum { OPT_PORT = 1, OPT_BIND, OPT_DIR, OPT_TEMPLATE, OPT_JOBS, OPT_QUIET, OPT_HELP };

static const vndoc_opt_spec specs[] = {
	{ "port", 0, true, OPT_PORT },	   { "bind", 0, true, OPT_BIND },   { "dir", 0, true, OPT_DIR },
	{ "template", 0, true, OPT_TEMPLATE }, { "jobs", 'j', true, OPT_JOBS }, { "quiet", 'q', false, OPT_QUIET },
	{ "help", 'h', false, OPT_HELP },	   { NULL, 0, false, 0 },
};

/* A number of 0..max, digits only. */
static int number(const char *s, int max)
{
	long n = 0;
	if (!*s)
		return -1;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || (n = n * 10 + (*s - '0')) > max)
			return -1;
	}
	return (int)n;
}

/* Bound to every address (0.0.0.0), the printed address is not one
 * another machine can open: the machine's own IPv4 addresses are named
 * too, with the same port and token, loopback left out. */
static void print_other_addresses(const char *url)
{
	static const char any[] = "http://0.0.0.0:";
	struct ifaddrs *ifs, *i;
	if (strncmp(url, any, sizeof any - 1) != 0 || getifaddrs(&ifs) != 0)
		return;
	for (i = ifs; i; i = i->ifa_next) {
		char host[INET_ADDRSTRLEN];
		const struct sockaddr_in *sin = (const struct sockaddr_in *)i->ifa_addr;
		if (!sin || sin->sin_family != AF_INET || (ntohl(sin->sin_addr.s_addr) >> 24) == 127 ||
		    !inet_ntop(AF_INET, &sin->sin_addr, host, sizeof host))
			continue;
		fprintf(stderr, "vndoc serve: from other machines: http://%s:%s\n", host, url + sizeof any - 1);
	}
	freeifaddrs(ifs);
}

int vndoc_cmd_serve(int argc, char **argv)
{
	vndoc_opt o;
	vndoc_serve_options so = { NULL, 8080, NULL, NULL, 2 };
	vndoc_server *server;
	vndoc_error err;
	char dir[4096];
	sigset_t set;
	int id, sig, quiet = 0;

	so.templates = getenv("VNDOC_TEMPLATES") ? getenv("VNDOC_TEMPLATES") : VNDOC_TEMPLATES_DIR;
	vndoc_opt_init(&o, argc, argv, specs);
	while ((id = vndoc_opt_next(&o)) != VNDOC_OPT_END) {
		switch (id) {
		case OPT_PORT:
			if ((so.port = number(o.arg, 65535)) < 0) {
				fprintf(stderr, "vndoc serve: --port takes a number from 0 to 65535\n");
				return VNDOC_EXIT_USAGE;
			}
			break;
		case OPT_BIND: so.bind = o.arg; break;
		case OPT_DIR: so.dir = o.arg; break;
		case OPT_TEMPLATE: so.templates = o.arg; break;
		case OPT_JOBS:
			if ((so.jobs = number(o.arg, VNDOC_LIMIT_SERVE_WORKERS)) < 1) {
				fprintf(stderr, "vndoc serve: -j takes a number from 1 to %d\n", VNDOC_LIMIT_SERVE_WORKERS);
				return VNDOC_EXIT_USAGE;
			}
			break;
		case OPT_QUIET: quiet = 1; break;
		case OPT_HELP: fputs(serve_usage, stdout); return VNDOC_EXIT_OK;
		default: fputs(serve_usage, stderr); return VNDOC_EXIT_USAGE;
		}
	}
	if (o.n_operands) {
		fprintf(stderr, "vndoc serve: takes no operand\n");
		fputs(serve_usage, stderr);
		return VNDOC_EXIT_USAGE;
	}
	if (!so.dir) {
		const char *xdg = getenv("XDG_DATA_HOME"), *home = getenv("HOME");
		if (xdg && *xdg)
			snprintf(dir, sizeof dir, "%s/vndoc/campaigns", xdg);
		else if (home && *home)
			snprintf(dir, sizeof dir, "%s/.local/share/vndoc/campaigns", home);
		else {
			fprintf(stderr, "vndoc serve: no $HOME: give --dir DIR\n");
			return VNDOC_EXIT_USAGE;
		}
		so.dir = dir;
	}
	/* The signals are waited for here; every thread of the server
	 * inherits the mask, so none of them is interrupted. */
	sigemptyset(&set);
	sigaddset(&set, SIGINT);
	sigaddset(&set, SIGTERM);
	sigaddset(&set, SIGPIPE);
	pthread_sigmask(SIG_BLOCK, &set, NULL);
	vndoc_error_clear(&err);
	if (vndoc_serve_start(&server, &so, &err) < 0) {
		vndoc_cli_print_error(&err);
		return vndoc_cli_exit_status(err.code);
	}
	printf("vndoc serve: open %s\n", vndoc_serve_url(server));
	fflush(stdout);
	if (!quiet) {
		print_other_addresses(vndoc_serve_url(server));
		fprintf(stderr, "vndoc serve: campaigns in %s; Ctrl-C stops\n", so.dir);
	}
	sigdelset(&set, SIGPIPE);
	do {
		if (sigwait(&set, &sig) != 0)
			sig = SIGTERM;
	} while (sig != SIGINT && sig != SIGTERM);
	vndoc_serve_stop(server);
	if (!quiet)
		fprintf(stderr, "vndoc serve: stopped\n");
	return VNDOC_EXIT_OK;
}
