// SPDX-License-Identifier: GPL-2.0
/*
 * Self-test of the out-of-tree kunit.ko: make test loads it before the
 * project's suites, so a broken KUnit build shows up as this suite failing
 * rather than as project tests silently missing.
 */
#include <kunit/test.h>
#include "kunit_oot.h"

static void kunit_oot_expect_test(struct kunit *test)
{
	static const u8 hdr[] = { 0xcf, 0xfa, 0xed, 0xfe };
	__le32 magic;

	memcpy(&magic, hdr, sizeof(magic));
	KUNIT_EXPECT_EQ(test, le32_to_cpu(magic), 0xfeedfacfu);
}

static void kunit_oot_resource_test(struct kunit *test)
{
	u8 *p = kunit_kzalloc(test, 64, GFP_KERNEL);	/* freed by KUnit */

	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, p[63], 0);
}

static struct kunit_case kunit_oot_cases[] = {
	KUNIT_CASE(kunit_oot_expect_test),
	KUNIT_CASE(kunit_oot_resource_test),
	{}
};

static struct kunit_suite kunit_oot_suite = {
	.name = "kunit_oot_selftest",
	.test_cases = kunit_oot_cases,
};

kunit_oot_test_suites(&kunit_oot_suite);
MODULE_DESCRIPTION("Self-test of the out-of-tree KUnit build");
MODULE_LICENSE("GPL");
