// SPDX-License-Identifier: GPL-2.0
/*
 * progress.c - the status line of a long scan (progress.h).  Redrawn at
 * most ten times a second with one write(), cut to the terminal's width
 * (the file name keeps its tail), erased at the end with "\r\033[K" so the
 * report and the summary line start on a clean line.
 */
#include <limits.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <time.h>
#include <unistd.h>

#include "baseline.h"
#include "progress.h"
#include "util.h"

#define REDRAW_SECONDS 0.1

static struct {
	pthread_mutex_t lock;
	bool on, drawn;
	unsigned total, done;
	double start, last;
	char file[512];
	char cwd[PATH_MAX];	/* files under it are named relative to it, as in the report */
} pg = { .lock = PTHREAD_MUTEX_INITIALIZER };

static unsigned columns(void)
{
	struct winsize ws;

	if (!ioctl(STDERR_FILENO, TIOCGWINSZ, &ws) && ws.ws_col >= 20)
		return ws.ws_col;
	return 80;
}

/* With pg.lock held.  "\r\033[K" takes no column; one column stays free. */
static void draw(double now)
{
	char line[1024];
	const char *file = pg.file;
	size_t head, width = columns() - 1, room = 0, n = strlen(file);

	head = (size_t)snprintf(line, sizeof(line), "\r\033[K[%u/%u] %.1f s ", pg.done, pg.total,
				now - pg.start);
	if (width > head - 4)
		room = width - (head - 4);
	if (room > sizeof(line) - head - 4)
		room = sizeof(line) - head - 4;
	if (n > room) {
		/* the tail names the file: "...iommu/arm/arm-smmu/arm-smmu.c" */
		file += n - room + (room > 3 ? 3 : room);
		n = room > 3 ? room - 3 : 0;
		if (room > 3)
			head += (size_t)snprintf(line + head, sizeof(line) - head, "...");
	}
	memcpy(line + head, file, n);
	if (write(STDERR_FILENO, line, head + n) < 0)
		pg.on = false;
	pg.drawn = true;
	pg.last = now;
}

void progress_start(unsigned total)
{
	pthread_mutex_lock(&pg.lock);
	pg.on = true;
	pg.total = total;
	pg.done = 0;
	pg.start = mono_seconds();
	pg.last = 0;
	if (!getcwd(pg.cwd, sizeof(pg.cwd)))
		pg.cwd[0] = 0;
	pthread_mutex_unlock(&pg.lock);
}

void progress_tu_begin(const char *file)
{
	double now;

	pthread_mutex_lock(&pg.lock);
	if (pg.on) {
		snprintf(pg.file, sizeof(pg.file), "%s",
			 finding_rel_file(file, pg.cwd[0] ? pg.cwd : NULL));
		now = mono_seconds();
		if (!pg.drawn || now - pg.last >= REDRAW_SECONDS)
			draw(now);
	}
	pthread_mutex_unlock(&pg.lock);
}

void progress_tu_end(void)
{
	pthread_mutex_lock(&pg.lock);
	pg.done++;
	pthread_mutex_unlock(&pg.lock);
}

void progress_stop(void)
{
	pthread_mutex_lock(&pg.lock);
	if (pg.on && pg.drawn && write(STDERR_FILENO, "\r\033[K", 4) < 0)
		pg.drawn = false;
	pg.on = false;
	pg.drawn = false;
	pthread_mutex_unlock(&pg.lock);
}
