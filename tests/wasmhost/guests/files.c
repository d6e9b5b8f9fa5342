/* SPDX-License-Identifier: MIT */
/*
 * File access inside a --dir grant mounted at /data: read in.txt, write
 * out.txt, then try to escape (.., absolute host paths, symlinks leading
 * out) and report each attempt as "denied" or "ESCAPED".
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static void attempt(const char *path)
{
	int fd = open(path, O_RDONLY);

	if (fd >= 0) {
		printf("ESCAPED %s\n", path);
		close(fd);
	} else {
		printf("denied %s: %s\n", path, strerror(errno));
	}
}

static void list(const char *path)
{
	DIR *d = opendir(path);
	struct dirent *e;

	if (!d) {
		printf("cannot list %s: %s\n", path, strerror(errno));
		return;
	}
	while ((e = readdir(d)))
		if (strcmp(e->d_name, "in.txt") == 0 || strcmp(e->d_name, "sub") == 0)
			printf("listed %s type=%s\n", e->d_name,
			       e->d_type == DT_DIR   ? "dir"
			       : e->d_type == DT_REG ? "file"
						     : "other");
	closedir(d);
}

int main(void)
{
	char buf[128] = "";
	struct stat st;
	FILE *f;

	f = fopen("/data/in.txt", "r");
	if (!f || !fgets(buf, sizeof(buf), f)) {
		printf("cannot read /data/in.txt: %s\n", strerror(errno));
		return 1;
	}
	fclose(f);
	printf("read: %s", buf);
	f = fopen("/data/out.txt", "w");
	if (!f) {
		printf("cannot write: %s\n", strerror(errno));
		return 1;
	}
	fprintf(f, "written by the guest\n");
	fclose(f);
	if (stat("/data/in.txt", &st) == 0)
		printf("size: %lld\n", (long long)st.st_size);
	list("/data");
	attempt("/data/../outside.txt");
	attempt("/data/sub/../../outside.txt");
	attempt("/etc/passwd");
	attempt("/data/link_out");
	attempt("/data/link_up");
	attempt("../outside.txt");
	f = fopen("/data/../created.txt", "w");
	printf("%s /data/../created.txt\n", f ? "ESCAPED" : "denied");
	/* changing the grant works; changing anything outside does not */
	printf("mkdir=%d\n", mkdir("/data/made", 0755));
	printf("rename=%d\n", rename("/data/out.txt", "/data/made/moved.txt"));
	printf("mkdir_out=%s\n", mkdir("/data/../escdir", 0755) ? "denied" : "ESCAPED");
	printf("rename_out=%s\n",
	       rename("/data/made/moved.txt", "/data/../stolen.txt") ? "denied" : "ESCAPED");
	printf("unlink_out=%s\n", unlink("/data/../outside.txt") ? "denied" : "ESCAPED");
	printf("unlink_link=%d\n", unlink("/data/link_up"));
	return 0;
}
