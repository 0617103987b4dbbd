#include "cli/opt.h"

#include <stdio.h>
#include <string.h>

void vndoc_opt_init(vndoc_opt *o, int argc, char **argv, const vndoc_opt_spec *specs)
{
	memset(o, 0, sizeof(*o));
	o->argc = argc;
	o->argv = argv;
	o->index = 1;
	o->specs = specs;
}

static int push_operand(vndoc_opt *o, char *word)
{
	if (o->n_operands == (int)(sizeof(o->operands) / sizeof(o->operands[0]))) {
		fprintf(stderr, "vndoc %s: too many arguments\n", o->argv[0]);
		o->bad = word;
		return VNDOC_OPT_ERROR;
	}
	o->operands[o->n_operands++] = word;
	return 0;
}

int vndoc_opt_next(vndoc_opt *o)
{
	while (o->index < o->argc) {
		char *w = o->argv[o->index++];
		const vndoc_opt_spec *s;

		if (o->done || w[0] != '-' || w[1] == '\0') {
			if (push_operand(o, w) < 0)
				return VNDOC_OPT_ERROR;
			continue;
		}
		if (strcmp(w, "--") == 0) {
			o->done = true;
			continue;
		}
		if (w[1] == '-') {
			const char *name = w + 2, *eq = strchr(name, '=');
			size_t n = eq ? (size_t)(eq - name) : strlen(name);
			for (s = o->specs; s->long_name || s->short_name; s++)
				if (s->long_name && strlen(s->long_name) == n && !strncmp(s->long_name, name, n))
					break;
			if (!s->long_name && !s->short_name) {
				fprintf(stderr, "vndoc %s: unknown option '%s'\n", o->argv[0], w);
				o->bad = w;
				return VNDOC_OPT_ERROR;
			}
			if (s->has_arg) {
				if (eq)
					o->arg = eq + 1;
				else if (o->index < o->argc)
					o->arg = o->argv[o->index++];
				else {
					fprintf(stderr, "vndoc %s: option '--%s' needs a value\n", o->argv[0], s->long_name);
					o->bad = w;
					return VNDOC_OPT_ERROR;
				}
			} else if (eq) {
				fprintf(stderr, "vndoc %s: option '--%s' takes no value\n", o->argv[0], s->long_name);
				o->bad = w;
				return VNDOC_OPT_ERROR;
			}
			return s->id;
		}
		for (s = o->specs; s->long_name || s->short_name; s++)
			if (s->short_name == w[1])
				break;
		if ((!s->long_name && !s->short_name) || (w[2] && !s->has_arg)) {
			fprintf(stderr, "vndoc %s: unknown option '%s'\n", o->argv[0], w);
			o->bad = w;
			return VNDOC_OPT_ERROR;
		}
		if (s->has_arg) {
			if (w[2])
				o->arg = w + 2;
			else if (o->index < o->argc)
				o->arg = o->argv[o->index++];
			else {
				fprintf(stderr, "vndoc %s: option '-%c' needs a value\n", o->argv[0], s->short_name);
				o->bad = w;
				return VNDOC_OPT_ERROR;
			}
		}
		return s->id;
	}
	return VNDOC_OPT_END;
}
