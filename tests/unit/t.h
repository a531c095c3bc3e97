/*
 * t.h - the unit-test harness. A test file defines functions
 * `static void test_x(void)` and runs them with T_RUN(test_x) from main;
 * each test prints one line "PASS <file>:<test>" or
 * "FAIL <file>:<test>: <first failed check>", which tests/run.sh counts.
 * main returns t_exit().
 */
#ifndef DYAD_T_H
#define DYAD_T_H
#include <stdio.h>
#include <string.h>

static int t_failed_checks, t_fail_tests, t_pass_tests;
static char t_first[512];

#define T_CHECK(cond) T_CHECKF(cond, "%s", #cond)
#define T_CHECKF(cond, ...) do { \
	if (!(cond)) { \
		if (!t_failed_checks++) { \
			int t_k = snprintf(t_first, sizeof t_first, "line %d: ", __LINE__); \
			snprintf(t_first + t_k, sizeof t_first - (size_t)t_k, __VA_ARGS__); \
		} \
	} } while (0)
#define T_STREQ(a, b) do { const char *t_a = (a), *t_b = (b); \
	T_CHECKF(t_a && t_b && !strcmp(t_a, t_b), "%s == \"%s\", want \"%s\"", \
		 #a, t_a ? t_a : "(null)", t_b ? t_b : "(null)"); } while (0)
#define T_INTEQ(a, b) do { long long t_a = (long long)(a), t_b = (long long)(b); \
	T_CHECKF(t_a == t_b, "%s == %lld, want %lld", #a, t_a, t_b); } while (0)

#define T_RUN(fn) do { \
	t_failed_checks = 0; t_first[0] = 0; \
	fn(); \
	if (t_failed_checks) { t_fail_tests++; \
		printf("FAIL %s:%s: %s\n", __FILE__, #fn, t_first); } \
	else { t_pass_tests++; printf("PASS %s:%s\n", __FILE__, #fn); } \
	} while (0)

static inline int t_exit(void) { return t_fail_tests ? 1 : 0; }
#endif
