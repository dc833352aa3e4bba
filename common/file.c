/* Small files read whole, as /proc and /sys files want. */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <unistd.h>

#include "cwa.h"

/*
 * Read up to len - 1 bytes of a file into buf, NUL-terminated; the byte
 * count, or -1 (warned).
 */
long
file_read(const char *path, char *buf, size_t len)
{
	size_t	 got = 0;
	ssize_t	 n;
	int	 fd;

	if ((fd = open(path, O_RDONLY | O_CLOEXEC)) == -1) {
		log_warn("%s: %s", path, strerror(errno));
		return -1;
	}
	while (got < len - 1) {
		n = read(fd, buf + got, len - 1 - got);
		if (n == -1 && errno == EINTR)
			continue;
		if (n == -1) {
			log_warn("%s: %s", path, strerror(errno));
			close(fd);
			return -1;
		}
		if (n == 0)
			break;
		got += (size_t)n;
	}
	close(fd);
	buf[got] = '\0';
	return (long)got;
}

