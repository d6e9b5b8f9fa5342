// SPDX-License-Identifier: MIT
/*
 * `ecli run PACKAGE [FLAGS]`: flags, load, attach, print, tear down. The
 * order matters: flags are checked before anything is loaded; the export
 * readers exist before programs attach so no early event is lost; teardown
 * runs in reverse on SIGINT/SIGTERM or at the end of --duration.
 */
#include "rtmin_int.h"

#include <errno.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

/* The one piece of global state: set by the signal handler, read by the loop. */
static volatile sig_atomic_t stop_signal;

static void on_signal(int sig)
{
	stop_signal = sig;
}

static void install_signals(void)
{
	struct sigaction sa = { .sa_handler = on_signal };

	/* no SA_RESTART: a blocked poll returns EINTR and the loop sees the flag */
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	/* a closed stdout (ecli run ... | head) must not kill us before teardown */
	signal(SIGPIPE, SIG_IGN);
}

static void sleep_ms(int ms)
{
	struct timespec ts = { ms / 1000, (long)(ms % 1000) * 1000000L };

	nanosleep(&ts, NULL);
}

/* Poll export maps and tick sample maps until a signal or the deadline. */
static int event_loop(const struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts,
		      struct rtmin_export *exp, struct rtmin_sample *smp)
{
	int poll_ms = (int)rtmin_meta__int(pkg->meta, "poll_timeout_ms", 100);
	uint64_t start = rtmin_now_ms(), deadline = 0, now;
	int err = 0, t;

	if (poll_ms <= 0 || poll_ms > 1000)
		poll_ms = 100;
	if (opts->duration > 0)
		deadline = start + (uint64_t)(opts->duration * 1000.0 + 0.5);
	while (!stop_signal) {
		now = rtmin_now_ms();
		if (deadline && now >= deadline)
			break;
		t = poll_ms;
		if (deadline && deadline - now < (uint64_t)t)
			t = (int)(deadline - now);
		if (rtmin_sample__count(smp) && t > 10)
			t = 10;	/* keep sample intervals accurate to ~10 ms */
		if (rtmin_export__active(exp))
			err = rtmin_export__poll(exp, t);
		else
			sleep_ms(t);
		if (err) {
			pr_warn("%s: reading events failed: %s\n", pkg->path, strerror(-err));
			break;
		}
		rtmin_sample__tick(smp, rtmin_now_ms());
		if (ferror(stdout)) {
			pr_info("output closed: stopping\n");
			break;
		}
	}
	return err;
}

static int setup_flags(struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts, int argc,
		       char **argv, struct bpf_object **obj0, struct rtmin_flags **flags)
{
	int err;

	*obj0 = rtmin_pkg__open_obj(pkg, opts->btf);
	if (!*obj0)
		return -errno;
	*flags = rtmin_flags__new(pkg, *obj0);
	if (!*flags)
		return -errno;
	err = rtmin_flags__parse(*flags, argc, argv);
	return err;
}

int rtmin_run__main(struct rtmin_pkg *pkg, const struct rtmin_run_opts *opts, int argc,
		    char **argv)
{
	struct bpf_object *obj0 = NULL;
	struct rtmin_flags *flags = NULL;
	struct rtmin_loaded l = { 0 };
	struct rtmin_attach *att = NULL;
	struct rtmin_export *exp = NULL;
	struct rtmin_sample *smp = NULL;
	int err, rc = 1;

	if (rtmin_meta__bool(pkg->meta, "debug_verbose", false))
		cmn_set_verbosity(CMN_DEBUG);
	err = setup_flags(pkg, opts, argc, argv, &obj0, &flags);
	if (err == 1) {		/* --help printed */
		rc = 0;
		goto out;
	}
	if (err) {
		rc = err == -EINVAL ? 2 : 1;
		goto out;
	}
	if (geteuid() != 0)
		pr_warn("note: loading BPF programs usually needs root\n");
	if (rtmin_load(pkg, opts, flags, obj0, &l))
		goto out;
	install_signals();
	exp = rtmin_export__new(pkg, l.obj, opts, stdout);
	smp = exp ? rtmin_sample__new(pkg, l.obj, opts, stdout) : NULL;
	att = smp ? rtmin_attach__new(pkg, opts, stdout) : NULL;
	if (!att || rtmin_attach__all(att, &l))
		goto out;
	if (!rtmin_attach__count(att)) {
		pr_warn("%s: no program could be attached\n", pkg->path);
		goto out;
	}
	pr_info("all %zu programs attached\n", rtmin_attach__count(att));
	/* Only iterators, which have printed already, and nothing to read: done. */
	if (!rtmin_attach__persistent(att) && !rtmin_export__active(exp) &&
	    !rtmin_sample__count(smp))
		rc = 0;
	else if (event_loop(pkg, opts, exp, smp) == 0)
		rc = 0;
out:
	rtmin_export__free(exp);	/* drains what is left, prints counters */
	rtmin_attach__free(att);
	rtmin_sample__free(smp);
	rtmin_loaded__free(&l);
	rtmin_flags__free(flags);
	bpf_object__close(obj0);
	fflush(stdout);
	return rc;
}
