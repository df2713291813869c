/*
 * Exhaustive enumeration of check_mmap_action() over int error_override values,
 * through the override fixture tree's mm/util.c (tests/trees/override, built
 * with the harness of tests/c, CONFIG_MMU).
 *
 *   enumerate LO HI     every int v with LO <= v <= HI (decimal)
 *
 * prints: accepted rejected_einval other warned min_accepted max_accepted
 *
 * Keeping the compiler from folding the loop away:
 *  - LO and HI come from the command line, so nothing is known at compile time;
 *  - each result goes through an empty asm statement that takes it as an input
 *    ("r"(err)) and clobbers memory, so every call must be computed and the
 *    action re-read on every iteration;
 *  - the counts are printed and checked by the benchmark (4096 accepted, exactly
 *    -4095..0), and the time per value is reported (a folded loop would show
 *    far less than one nanosecond per value).
 */
#define HARNESS_NO_MAIN
#include "harness.c"

#include <limits.h>

int main(int argc, char **argv)
{
	struct mmap_action action;
	long long lo, hi, v;
	unsigned long long accepted = 0, einval = 0, other = 0, warned = 0;
	long long min_acc = LLONG_MAX, max_acc = LLONG_MIN;

	if (argc != 3) {
		fprintf(stderr, "usage: enumerate LO HI\n");
		return 64;
	}
	lo = strtoll(argv[1], NULL, 10);
	hi = strtoll(argv[2], NULL, 10);
	memset(&action, 0, sizeof(action));
	for (v = lo; v <= hi; v++) {
		int err;

		action.error_override = (int)v;
		O.nwarn = 0;
		err = check_mmap_action(&action);
		__asm__ volatile("" : : "r"(err) : "memory");
		if (O.nwarn)
			warned++;
		if (!err) {
			accepted++;
			if (v < min_acc)
				min_acc = v;
			if (v > max_acc)
				max_acc = v;
		} else if (err == -EINVAL) {
			einval++;
		} else {
			other++;
		}
	}
	printf("%llu %llu %llu %llu %lld %lld\n", accepted, einval, other, warned, min_acc, max_acc);
	return 0;
}
