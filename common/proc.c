// SPDX-License-Identifier: MIT
/* Subprocesses from an argv array, with captured output; never a shell. */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <spawn.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>
#include "common.h"

extern char **environ;

/* Drain both pipes together so a child filling one never blocks on the other. */
static int drain(int fds[2], struct cmn_buf out[2])
{
	struct pollfd p[2];
	char chunk[16384];
	int open_cnt = 0, i, err;

	for (i = 0; i < 2; i++) {
		p[i].fd = fds[i];
		p[i].events = POLLIN;
		if (fds[i] >= 0)
			open_cnt++;
	}
	while (open_cnt) {
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			err = -errno;
			goto err_close;
		}
		for (i = 0; i < 2; i++) {
			ssize_t n;

			if (p[i].fd < 0 || !(p[i].revents & (POLLIN | POLLHUP | POLLERR)))
				continue;
			n = read(p[i].fd, chunk, sizeof(chunk));
			if (n < 0 && errno == EINTR)
				continue;
			if (n <= 0) {
				close(p[i].fd);
				p[i].fd = -1;
				open_cnt--;
				continue;
			}
			err = cmn_buf__append(&out[i], chunk, (size_t)n);
			if (err)
				goto err_close;
		}
	}
	return 0;

err_close:
	/* Close what is still open: the child then sees EPIPE instead of blocking. */
	for (i = 0; i < 2; i++)
		if (p[i].fd >= 0)
			close(p[i].fd);
	return err;
}

int cmn_proc_run(char *const argv[], unsigned flags, struct cmn_proc_result *res)
{
	posix_spawn_file_actions_t fa;
	struct cmn_buf out[2] = {{0}};
	int pipes[2][2] = {{-1, -1}, {-1, -1}};
	int rfd[2] = {-1, -1};
	unsigned want[2] = {CMN_PROC_CAPTURE_OUT, CMN_PROC_CAPTURE_ERR};
	int i, err, wstatus;
	pid_t pid;

	memset(res, 0, sizeof(*res));
	posix_spawn_file_actions_init(&fa);
	for (i = 0; i < 2; i++) {
		if (!(flags & want[i]))
			continue;
		if (pipe2(pipes[i], O_CLOEXEC) < 0) {
			err = -errno;
			goto err_close;
		}
		posix_spawn_file_actions_adddup2(&fa, pipes[i][1], i + 1);
		rfd[i] = pipes[i][0];
	}
	if (flags & CMN_PROC_STDIN_NULL)
		posix_spawn_file_actions_addopen(&fa, 0, "/dev/null", O_RDONLY, 0);
	err = -posix_spawnp(&pid, argv[0], &fa, NULL, argv, environ);
	for (i = 0; i < 2; i++) {
		if (pipes[i][1] >= 0)
			close(pipes[i][1]);
		pipes[i][1] = -1;
	}
	if (err) {
		for (i = 0; i < 2; i++)
			if (rfd[i] >= 0)
				close(rfd[i]);
		goto out;
	}
	err = drain(rfd, out);
	while (waitpid(pid, &wstatus, 0) < 0) {
		if (errno != EINTR) {
			err = err ? err : -errno;
			goto out;
		}
	}
	res->status = WIFEXITED(wstatus) ? WEXITSTATUS(wstatus) : 128 + WTERMSIG(wstatus);
	if (flags & CMN_PROC_CAPTURE_OUT)
		res->out = cmn_buf__steal(&out[0], &res->out_len);
	if (flags & CMN_PROC_CAPTURE_ERR)
		res->err = cmn_buf__steal(&out[1], &res->err_len);
	goto out;
err_close:
	/* the pipe made before the one that failed */
	for (i = 0; i < 2; i++) {
		if (pipes[i][0] >= 0)
			close(pipes[i][0]);
		if (pipes[i][1] >= 0)
			close(pipes[i][1]);
	}
out:
	posix_spawn_file_actions_destroy(&fa);
	cmn_buf__free(&out[0]);
	cmn_buf__free(&out[1]);
	return err;
}

void cmn_proc_result__free(struct cmn_proc_result *res)
{
	if (!res)
		return;
	free(res->out);
	free(res->err);
	res->out = res->err = NULL;
}

char *cmn_which(const char *bin)
{
	const char *path = getenv("PATH"), *p, *end;
	char *cand;

	if (strchr(bin, '/')) {
		if (access(bin, X_OK) == 0)
			return cmn_strdup(bin);
		errno = ENOENT;
		return NULL;
	}
	for (p = path ? path : "/usr/bin:/bin";; p = end + 1) {
		end = strchrnul(p, ':');
		cand = end == p ? cmn_asprintf("./%s", bin)
				: cmn_asprintf("%.*s/%s", (int)(end - p), p, bin);
		if (!cand)
			return NULL;
		if (access(cand, X_OK) == 0)
			return cand;
		free(cand);
		if (!*end)
			break;
	}
	errno = ENOENT;
	return NULL;
}

static bool needs_quote(const char *s)
{
	if (!*s)
		return true;
	for (; *s; s++)
		if (!strchr("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_./=:,+@%", *s))
			return true;
	return false;
}

char *cmn_argv_to_string(char *const argv[])
{
	struct cmn_buf b = {0};
	int i, err = 0;

	for (i = 0; argv[i] && !err; i++) {
		const char *s = argv[i];

		if (i)
			err = cmn_buf__puts(&b, " ");
		if (!needs_quote(s)) {
			err = err ? err : cmn_buf__puts(&b, s);
			continue;
		}
		err = err ? err : cmn_buf__puts(&b, "'");
		for (; *s && !err; s++)
			err = *s == '\'' ? cmn_buf__puts(&b, "'\\''") : cmn_buf__append(&b, s, 1);
		err = err ? err : cmn_buf__puts(&b, "'");
	}
	if (err) {
		cmn_buf__free(&b);
		errno = -err;
		return NULL;
	}
	return cmn_buf__steal(&b, NULL);
}
