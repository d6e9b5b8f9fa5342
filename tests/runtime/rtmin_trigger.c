// SPDX-License-Identifier: MIT
/*
 * Trigger for the ecli end-to-end tests (built with -O0 so the uprobe target
 * stays a real function). With RTMIN_GATE=FILE in the environment it first
 * waits (up to 30 s) until FILE exists: the tests create it once ecli says
 * every program is attached.
 *   rtmin_trigger uprobe N      call rtmin_target_func(N) once per 100 ms, 30 times
 *   rtmin_trigger socket        create a UDP socket, then exit
 *   rtmin_trigger burn SECS     spin on the CPU
 *   rtmin_trigger open PATH     open PATH (read-only) once
 *   rtmin_trigger sleep SECS    sleep (an iterator target)
 *   rtmin_trigger delay-open SECS PATH   sleep, then open PATH (a pid filter target)
 *   rtmin_trigger open-many N PATH       open PATH N times as fast as possible
 */
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

__attribute__((noinline)) int rtmin_target_func(int arg)
{
	return arg * 2;
}

int main(int argc, char **argv)
{
	int i, n = argc > 2 ? atoi(argv[2]) : 0;

	volatile unsigned long spin = 0;
	time_t end;

	if (argc < 2)
		return 2;
	for (i = 0; getenv("RTMIN_GATE") && access(getenv("RTMIN_GATE"), F_OK) && i < 3000; i++)
		usleep(10000);
	if (!strcmp(argv[1], "uprobe")) {
		for (i = 0; i < 30; i++) {
			rtmin_target_func(n);
			usleep(100000);
		}
	} else if (!strcmp(argv[1], "socket")) {
		close(socket(AF_INET, SOCK_DGRAM, 0));
	} else if (!strcmp(argv[1], "burn")) {
		for (end = time(NULL) + n; time(NULL) < end;)
			spin++;
	} else if (!strcmp(argv[1], "open") && argc > 2) {
		close(open(argv[2], O_RDONLY));
	} else if (!strcmp(argv[1], "delay-open") && argc > 3) {
		usleep((useconds_t)(atof(argv[2]) * 1e6));
		close(open(argv[3], O_RDONLY));
	} else if (!strcmp(argv[1], "open-many") && argc > 3) {
		for (i = 0; i < n; i++)
			close(open(argv[3], O_RDONLY));
	} else if (!strcmp(argv[1], "sleep")) {
		sleep(n);
	} else {
		return 2;
	}
	return 0;
}
