// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-kcapi: the KTV records of kcrypto-afalg run again through
 * libkcapi (Debian's libkcapi1), the library userspace programs use for
 * AF_ALG, binding kcrypto's crypto API drivers by driver name.  The QEMU
 * matrix scenario crypto-api runs it after each kcrypto-afalg run
 * (qemu/guest/crypto-api.sh); scripts/matrix/guestbin.py builds it against
 * trixie's libkcapi-dev for the guest arch.
 *
 * Usage: kcrypto-kcapi [-g] [-q] FILE.ktv...
 *   -g  test the kernel's own drivers (chacha20-lib or chacha20-generic and
 *       their rfc7539 template instances) instead of the *-kcrypto ones
 *   -q  print only the FAIL lines and the summary
 *
 * From the KTV records (ktv.c):
 *   op=chacha20poly1305, 12-byte nonce: rfc7539 encrypt (valid records)
 *     and decrypt, where a rejected tag (EBADMSG) is the expected result
 *     of an invalid record and a failure of a valid one; the same through
 *     rfc7539esp (salt after the key, IV after the AAD); valid ones with a
 *     message: chacha20 from block 1 both ways;
 *   op=xchacha20poly1305, valid, 24-byte nonce: xchacha20 from block 1
 *     both ways;
 *   op=chacha20: the skcipher with that counter, both ways.
 * Not applicable: other records, nonces of another size (libkcapi passes
 * the driver's IV size, so a wrong one cannot be asked for) and requests
 * with no output (see kc_outlen()).
 *
 * libkcapi reads until the output buffer is full, so a buffer larger than
 * the result waits for ever, and it reads nothing for an empty buffer, so
 * the kernel would not even check the tag: every request gets the exact
 * size of its result.  A run that takes longer than KC_TIME_LIMIT seconds
 * (a hung request) is killed by alarm() and fails.  libkcapi 1.4 asks
 * NETLINK_CRYPTO (CONFIG_CRYPTO_USER) for the algorithm's sizes: without
 * it no handle opens, said in a "KCAPI-NETLINK" line (and every case
 * fails).
 *
 * One line per case, "KCAPI <driver> <case> PASS|FAIL <detail>", per
 * driver "KCAPI-DRIVER <driver> pass=N fail=M", and "KCAPI-SUMMARY ...";
 * exit status 1 on any FAIL or if nothing ran.
 */
#include <errno.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <linux/netlink.h>
#include <kcapi.h>

#include "ktv.h"

#define KC_TIME_LIMIT	30
#define KC_STR(x)	KC_STR_(x)
#define KC_STR_(x)	#x

static unsigned int drv_pass[KTV_DRIVERS], drv_fail[KTV_DRIVERS];

static void kc_timeout(int sig)
{
	static const char msg[] = "KCAPI-TIMEOUT the run took longer than "
		KC_STR(KC_TIME_LIMIT) " s (a request hung)\n";
	ssize_t n;

	(void)sig;
	n = write(STDOUT_FILENO, msg, sizeof(msg) - 1);
	(void)n;
	_exit(1);
}

/* Whether the kernel has NETLINK_CRYPTO, which libkcapi 1.4 needs. */
static int kc_netlink(void)
{
	int fd = socket(AF_NETLINK, SOCK_RAW, NETLINK_CRYPTO);

	if (fd < 0)
		return -errno;
	close(fd);
	return 0;
}

struct kc_op {
	int enc;
	const unsigned char *iv;
	size_t assoclen;
	const unsigned char *in;
	size_t inlen;
};

/*
 * The exact size of @op's result on driver @di: the AEAD's output has the
 * AAD, then the ciphertext and the tag (encryption) or the plaintext.
 */
static size_t kc_outlen(int di, const struct kc_op *op)
{
	if (strcmp(ktv_drivers[di].type, "aead"))
		return op->inlen;
	if (op->enc)
		return op->inlen + KTV_TAG_SIZE;
	return op->inlen < KTV_TAG_SIZE ? 0 : op->inlen - KTV_TAG_SIZE;
}

/* One request on a fresh handle of @name: bytes produced or -errno. */
static long kc_aead(const char *name, const unsigned char *key, size_t keylen,
		    const struct kc_op *op, unsigned char *out, size_t outlen)
{
	struct kcapi_handle *h;
	long r;

	r = kcapi_aead_init(&h, name, 0);
	if (r)
		return r;
	r = kcapi_aead_setkey(h, key, keylen);
	if (!r)
		r = kcapi_aead_settaglen(h, KTV_TAG_SIZE);
	if (!r) {
		kcapi_aead_setassoclen(h, op->assoclen);
		if (op->enc)
			r = kcapi_aead_encrypt(h, op->in, op->inlen, op->iv, out, outlen,
					       KCAPI_ACCESS_SENDMSG);
		else
			r = kcapi_aead_decrypt(h, op->in, op->inlen, op->iv, out, outlen,
					       KCAPI_ACCESS_SENDMSG);
	}
	kcapi_aead_destroy(h);
	return r;
}

static long kc_skcipher(const char *name, const unsigned char *key, size_t keylen,
			const struct kc_op *op, unsigned char *out, size_t outlen)
{
	struct kcapi_handle *h;
	long r;

	r = kcapi_cipher_init(&h, name, 0);
	if (r)
		return r;
	r = kcapi_cipher_setkey(h, key, keylen);
	if (!r && op->enc)
		r = kcapi_cipher_encrypt(h, op->in, op->inlen, op->iv, out, outlen,
					 KCAPI_ACCESS_SENDMSG);
	else if (!r)
		r = kcapi_cipher_decrypt(h, op->in, op->inlen, op->iv, out, outlen,
					 KCAPI_ACCESS_SENDMSG);
	kcapi_cipher_destroy(h);
	return r;
}

/*
 * Run @op on driver @di with @key: it must produce @want (@wantlen bytes)
 * or, with @want NULL, fail with a rejected tag (EBADMSG).  0 if it ran,
 * -1 if not applicable (no output to ask for).
 */
static int kc_check(int di, const char *cname, const unsigned char *key, size_t keylen,
		    const struct kc_op *op, const unsigned char *want, size_t wantlen)
{
	const struct ktv_drv *d = &ktv_drivers[di];
	size_t outlen = kc_outlen(di, op);
	unsigned int before = ktv_nfail;
	unsigned char *out;
	long r;

	if (!outlen) {
		ktv_nna++;
		if (!ktv_quiet)
			printf("KCAPI %s %s N/A no output: libkcapi would not run the request\n",
			       d->name, cname);
		return -1;
	}
	out = ktv_alloc(outlen);
	if (!strcmp(d->type, "aead"))
		r = kc_aead(d->name, key, keylen, op, out, outlen);
	else
		r = kc_skcipher(d->name, key, keylen, op, out, outlen);
	ktv_verdict(d->name, cname, r, out, want, wantlen, -EBADMSG);
	free(out);
	if (ktv_nfail != before)
		drv_fail[di]++;
	else
		drv_pass[di]++;
	return 0;
}

/* chacha20 or xchacha20 (@di) with @iv: msg to ct and back. */
static void kc_skcipher_both(int di, const struct ktv_rec *r, const unsigned char *iv,
			     const char *where, const char *what)
{
	struct kc_op op = { .enc = 1, .iv = iv, .in = r->msg, .inlen = r->msglen };
	char cname[160];

	snprintf(cname, sizeof(cname), "%s:%s-encrypt", where, what);
	kc_check(di, cname, r->key, r->keylen, &op, r->ct, r->ctlen);
	snprintf(cname, sizeof(cname), "%s:%s-decrypt", where, what);
	op = (struct kc_op){ .enc = 0, .iv = iv, .in = r->ct, .inlen = r->ctlen };
	kc_check(di, cname, r->key, r->keylen, &op, r->msg, r->msglen);
}

/* rfc7539 and rfc7539esp both ways, chacha20 from block 1 both ways. */
static void kc_aead_record(const struct ktv_rec *r, const char *where)
{
	struct ktv_aead_case c[KTV_AEAD_CASES];
	unsigned char iv[16];
	struct ktv_aead b;
	struct kc_op op;
	char cname[160];
	int i, n;

	ktv_aead_bufs(r, &b);
	n = ktv_aead_cases(r, &b, c);
	for (i = 0; i < n; i++) {
		snprintf(cname, sizeof(cname), "%s:%s", where, c[i].name);
		op = (struct kc_op){ .enc = c[i].enc, .iv = c[i].iv, .assoclen = c[i].assoclen,
				     .in = c[i].in, .inlen = c[i].inlen };
		kc_check(c[i].di, cname, c[i].key, c[i].keylen, &op, c[i].want, c[i].wantlen);
	}
	if (r->valid && r->msglen) {
		ktv_chacha_iv(iv, 1, r->nonce);
		kc_skcipher_both(KTV_CHACHA, r, iv, where, "chacha20-block1");
	}
	ktv_aead_free(&b);
}

/* Records with a nonce of another size: not applicable (.ivsize NULL). */
static const struct ktv_ops kc_ops = {
	.aead = kc_aead_record,
	.skcipher = kc_skcipher_both,
};

/* -g: the kernel's own driver of each kind, the first that opens. */
static void kc_pick_own(void)
{
	struct kcapi_handle *h;
	struct ktv_drv *d;
	int i, r;

	for (d = ktv_drivers; d < ktv_drivers + KTV_DRIVERS; d++) {
		d->name = d->own[0];
		for (i = 0; i < 2 && !d->ref; i++) {
			if (!strcmp(d->type, "aead"))
				r = kcapi_aead_init(&h, d->own[i], 0);
			else
				r = kcapi_cipher_init(&h, d->own[i], 0);
			printf("KCAPI-REF %s %s: %s\n", d->kcrypto, d->own[i],
			       r ? ktv_errname(r) : "opened");
			if (r)
				continue;
			if (!strcmp(d->type, "aead"))
				kcapi_aead_destroy(h);
			else
				kcapi_cipher_destroy(h);
			d->ref = d->own[i];
			d->name = d->ref;
		}
	}
}

int main(int argc, char **argv)
{
	int own, first, i, r;

	ktv_prefix = "KCAPI";
	first = ktv_options(argc, argv, "kcrypto-kcapi", &own);
	if (first < 0)
		return 2;
	signal(SIGALRM, kc_timeout);
	alarm(KC_TIME_LIMIT);
	r = kc_netlink();
	if (r) {
		printf("KCAPI-NETLINK missing: NETLINK_CRYPTO: %s (%s)\n", strerror(-r),
		       "a kernel without CONFIG_CRYPTO_USER: libkcapi opens no handle");
		/* And on: every case fails, the counts still said. */
		ktv_result("-", "netlink", 0, "no NETLINK_CRYPTO");
	}
	for (i = 0; i < KTV_DRIVERS; i++)
		ktv_drivers[i].name = ktv_drivers[i].kcrypto;
	if (own)
		kc_pick_own();
	for (i = first; i < argc; i++)
		ktv_run_file(argv[i], &kc_ops);
	for (i = 0; i < KTV_DRIVERS; i++)
		printf("KCAPI-DRIVER %s pass=%u fail=%u\n", ktv_drivers[i].name, drv_pass[i],
		       drv_fail[i]);
	return ktv_summary(own, argc - first);
}
