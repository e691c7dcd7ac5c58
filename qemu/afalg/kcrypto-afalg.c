// SPDX-License-Identifier: GPL-2.0
/*
 * kcrypto-afalg: a userspace AF_ALG client for kcrypto's crypto API
 * drivers (crypto_api/, kcrypto-crypto.ko).  The QEMU matrix scenario
 * crypto-api runs it in the guest (qemu/guest/crypto-api.sh); the host
 * builds it for the guest arch (scripts/matrix/guestbin.py).
 *
 * Usage: kcrypto-afalg [-g] [-q] FILE.ktv...
 *   -g  test the kernel's own drivers (chacha20-lib or chacha20-generic and
 *       their rfc7539 template instances) instead of the *-kcrypto ones
 *   -q  print only the FAIL lines and the summary
 *
 * Every driver is bound by its driver name.  From the KTV records
 * (scripts/vectors-to-ktv):
 *   op=chacha20poly1305, 12-byte nonce: rfc7539 encrypt and decrypt
 *     (expect=invalid: decryption fails with EBADMSG), the same through
 *     rfc7539esp (salt = nonce[0..3] after the key, IV = nonce[4..11] after
 *     the AAD, assoclen counting the IV) and, valid ones, chacha20 from block
 *     1 (the AEAD's ciphertext); other nonce sizes: the IV is refused (EINVAL);
 *   op=xchacha20poly1305, valid, 24-byte nonce: xchacha20 from block 1;
 *   op=chacha20: the skcipher with that counter.
 * Plus RFC 8439 2.4.2 (chacha20), and bad input: key, IV and tag sizes, no
 * key, rfc7539esp assoclen below 8, ciphertext shorter than the tag.  Each
 * bad-input case runs on the tested driver and on the kernel's own, and
 * requires the documented error from both, the same one.
 *
 * One line per case, "AFALG <driver> <case> PASS|FAIL <detail>", and
 * "AFALG-SUMMARY ..."; exit status 1 on any FAIL or if nothing ran.
 *
 * Raw AF_ALG system calls, not libkcapi: libkcapi 1.4 refuses to open a
 * handle without NETLINK_CRYPTO (CONFIG_CRYPTO_USER), which the matrix
 * kernels do not have.
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <linux/if_alg.h>

#ifndef SOL_ALG
#define SOL_ALG 279
#endif

#define ARRAY_SIZE(a)	(sizeof(a) / sizeof((a)[0]))
#define MAX_IV		64
#define TAG_SIZE	16

enum { D_AEAD, D_ESP, D_CHACHA, D_XCHACHA, D_COUNT };

struct drv {
	const char *type;		/* AF_ALG salg_type */
	const char *kcrypto;		/* driver under test */
	const char *own[2];		/* the kernel's own, first that binds */
	size_t keysize;
	size_t ivsize;
	const char *name;		/* chosen for this run */
	const char *ref;		/* the kernel's own, for bad input */
};

static struct drv drivers[D_COUNT] = {
	[D_AEAD] = { "aead", "rfc7539-chacha20-poly1305-kcrypto",
		     { "rfc7539(chacha20-lib,poly1305-generic)",
		       "rfc7539(chacha20-generic,poly1305-generic)" }, 32, 12 },
	[D_ESP] = { "aead", "rfc7539esp-chacha20-poly1305-kcrypto",
		    { "rfc7539esp(chacha20-lib,poly1305-generic)",
		      "rfc7539esp(chacha20-generic,poly1305-generic)" }, 36, 8 },
	[D_CHACHA] = { "skcipher", "chacha20-kcrypto",
		       { "chacha20-lib", "chacha20-generic" }, 32, 16 },
	[D_XCHACHA] = { "skcipher", "xchacha20-kcrypto",
			{ "xchacha20-lib", "xchacha20-generic" }, 32, 32 },
};

static int quiet;
static unsigned int npass, nfail, nna;

static void result(const char *drv, const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		npass++;
	else
		nfail++;
	if (ok && quiet)
		return;
	printf("AFALG %s %s %s ", drv, name, ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

/* --- AF_ALG ------------------------------------------------------------- */

/* A transform socket bound to driver @name, or -errno. */
static int alg_tfm(const char *type, const char *name)
{
	struct sockaddr_alg sa = { .salg_family = AF_ALG };
	int fd;

	if (strlen(name) >= sizeof(sa.salg_name))
		return -ENAMETOOLONG;
	snprintf((char *)sa.salg_type, sizeof(sa.salg_type), "%s", type);
	snprintf((char *)sa.salg_name, sizeof(sa.salg_name), "%s", name);
	fd = socket(AF_ALG, SOCK_SEQPACKET, 0);
	if (fd < 0)
		return -errno;
	if (bind(fd, (struct sockaddr *)&sa, sizeof(sa)) < 0) {
		int err = -errno;

		close(fd);
		return err;
	}
	return fd;
}

static int alg_setkey(int tfm, const unsigned char *key, size_t len)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_KEY, key, len) ? -errno : 0;
}

static int alg_setauthsize(int tfm, unsigned int n)
{
	return setsockopt(tfm, SOL_ALG, ALG_SET_AEAD_AUTHSIZE, NULL, n) ? -errno : 0;
}

struct op {
	int enc;
	const unsigned char *iv;
	size_t ivlen;
	int aead;
	size_t assoclen;
	const unsigned char *in;
	size_t inlen;
	unsigned char *out;
	size_t outcap;		/* > 0, or the kernel is not even asked */
};

static void put_cmsg(struct cmsghdr *c, int type, const void *data, size_t len)
{
	c->cmsg_level = SOL_ALG;
	c->cmsg_type = type;
	c->cmsg_len = CMSG_LEN(len);
	memcpy(CMSG_DATA(c), data, len);
}

/* One request on transform @tfm: bytes produced or -errno. */
static long alg_run(int tfm, const struct op *op)
{
	union {
		char buf[CMSG_SPACE(4) * 2 + CMSG_SPACE(sizeof(struct af_alg_iv) + MAX_IV)];
		struct cmsghdr align;
	} u;
	const struct timeval timeout = { .tv_sec = 20 };
	unsigned char ivbuf[sizeof(struct af_alg_iv) + MAX_IV];
	struct af_alg_iv *iv = (struct af_alg_iv *)ivbuf;
	struct iovec vec = { (void *)op->in, op->inlen };
	struct msghdr msg = { .msg_iov = &vec, .msg_iovlen = 1, .msg_control = u.buf };
	struct cmsghdr *c;
	unsigned int v;
	long ret;
	int fd;

	if (op->ivlen > MAX_IV)
		return -E2BIG;
	memset(&u, 0, sizeof(u));
	msg.msg_controllen = CMSG_SPACE(4) + (op->iv ? CMSG_SPACE(sizeof(*iv) + op->ivlen) : 0) +
			     (op->aead ? CMSG_SPACE(4) : 0);
	c = CMSG_FIRSTHDR(&msg);
	v = op->enc ? ALG_OP_ENCRYPT : ALG_OP_DECRYPT;
	put_cmsg(c, ALG_SET_OP, &v, 4);
	if (op->iv) {
		iv->ivlen = op->ivlen;
		memcpy(iv->iv, op->iv, op->ivlen);
		c = CMSG_NXTHDR(&msg, c);
		put_cmsg(c, ALG_SET_IV, iv, sizeof(*iv) + op->ivlen);
	}
	if (op->aead) {
		v = op->assoclen;
		c = CMSG_NXTHDR(&msg, c);
		put_cmsg(c, ALG_SET_AEAD_ASSOCLEN, &v, 4);
	}
	fd = accept(tfm, NULL, 0);
	if (fd < 0)
		return -errno;
	/* A request that never completes fails (EAGAIN) instead of hanging. */
	if (setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, sizeof(timeout)) ||
	    setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, sizeof(timeout))) {
		ret = -errno;
		close(fd);
		return ret;
	}
	ret = sendmsg(fd, &msg, 0);
	if (ret >= 0 && (size_t)ret != op->inlen)
		ret = -EMSGSIZE;
	else if (ret >= 0)
		/*
		 * The data is all sent, so nothing to wait for: AF_ALG's
		 * recvmsg() runs requests while the buffer has room and would
		 * otherwise wait, with no timeout, for more input.  A request
		 * with no output (a tag alone) runs only if the buffer has room.
		 */
		ret = recv(fd, op->out, op->outcap, MSG_DONTWAIT);
	if (ret < 0)
		ret = -errno;
	close(fd);
	return ret;
}

/* --- checks ------------------------------------------------------------- */

static const char *errname(long e)
{
	static char buf[32];

	switch (e) {
	case 0: return "0";
	case -EINVAL: return "EINVAL";
	case -EBADMSG: return "EBADMSG";
	case -ENOKEY: return "ENOKEY";
	case -ENOENT: return "ENOENT";
	case -EMSGSIZE: return "EMSGSIZE";
	case -EAGAIN: return "EAGAIN (no result in 20 s)";
	}
	snprintf(buf, sizeof(buf), e < 0 ? "errno %ld" : "%ld bytes", e < 0 ? -e : e);
	return buf;
}

/*
 * Run @op on a fresh transform of driver @d with @key; the request must
 * produce @want (@wantlen bytes) or, with @want NULL, fail with @werr.
 */
static void check(int di, const char *cname, const unsigned char *key, size_t keylen,
		  const struct op *op, const unsigned char *want, size_t wantlen, long werr)
{
	const struct drv *d = &drivers[di];
	long r;
	size_t i;
	int tfm;

	tfm = alg_tfm(d->type, d->name);
	if (tfm < 0) {
		result(d->name, cname, 0, "bind: %s%s", errname(tfm),
		       tfm == -ENOENT ? " (no such driver, or sysctl crypto.af_alg_restrict)" : "");
		return;
	}
	r = alg_setkey(tfm, key, keylen);
	if (r) {
		result(d->name, cname, 0, "setkey(%zu bytes): %s", keylen, errname(r));
		close(tfm);
		return;
	}
	r = alg_run(tfm, op);
	close(tfm);
	if (!want) {
		result(d->name, cname, r == werr, "%s, expected %s", errname(r), errname(werr));
		return;
	}
	if (r < 0 || (size_t)r != wantlen) {
		result(d->name, cname, 0, "%s, expected %zu bytes", errname(r), wantlen);
		return;
	}
	for (i = 0; i < wantlen && op->out[i] == want[i]; i++)
		;
	if (i < wantlen)
		result(d->name, cname, 0, "output differs at byte %zu of %zu", i, wantlen);
	else
		result(d->name, cname, 1, "%zu bytes", wantlen);
}

static unsigned char *cat(const unsigned char *a, size_t alen, const unsigned char *b, size_t blen,
			  const unsigned char *c, size_t clen)
{
	unsigned char *p = malloc(alen + blen + clen + 1);

	if (!p) {
		perror("kcrypto-afalg: malloc");
		exit(2);
	}
	memcpy(p, a, alen);
	memcpy(p + alen, b, blen);
	memcpy(p + alen + blen, c, clen);
	return p;
}

struct rec {
	char op[24];
	unsigned char *key, *nonce, *aad, *msg, *ct, *tag;
	size_t keylen, noncelen, aadlen, msglen, ctlen, taglen;
	unsigned long counter;
	int valid;
};

/* rfc7539 and rfc7539esp both ways, chacha20 from block 1. */
static void aead_record(const struct rec *r, const char *where)
{
	unsigned char *pt, *ctt, *espkey, *esppt, *espct, *out, iv[16];
	size_t cap = r->aadlen + r->msglen + r->ctlen + 8 + 2 * TAG_SIZE;
	struct op op = { .aead = 1 };
	char cname[160];

	pt = cat(r->aad, r->aadlen, r->msg, r->msglen, NULL, 0);
	ctt = cat(r->aad, r->aadlen, r->ct, r->ctlen, r->tag, r->taglen);
	espkey = cat(r->key, r->keylen, r->nonce, 4, NULL, 0);
	esppt = cat(r->aad, r->aadlen, r->nonce + 4, 8, r->msg, r->msglen);
	out = cat(r->aad, r->aadlen, r->nonce + 4, 8, r->ct, r->ctlen);
	espct = cat(out, r->aadlen + 8 + r->ctlen, r->tag, r->taglen, NULL, 0);
	free(out);
	out = malloc(cap);
	op.out = out;
	op.outcap = cap;

	op.iv = r->nonce;
	op.ivlen = 12;
	op.assoclen = r->aadlen;
	if (r->valid) {
		snprintf(cname, sizeof(cname), "%s:encrypt", where);
		op.enc = 1;
		op.in = pt;
		op.inlen = r->aadlen + r->msglen;
		check(D_AEAD, cname, r->key, r->keylen, &op, ctt,
		      r->aadlen + r->ctlen + r->taglen, 0);
	}
	snprintf(cname, sizeof(cname), "%s:decrypt", where);
	op.enc = 0;
	op.in = ctt;
	op.inlen = r->aadlen + r->ctlen + r->taglen;
	check(D_AEAD, cname, r->key, r->keylen, &op, r->valid ? pt : NULL,
	      r->aadlen + r->msglen, -EBADMSG);

	op.iv = r->nonce + 4;
	op.ivlen = 8;
	op.assoclen = r->aadlen + 8;
	if (r->valid) {
		snprintf(cname, sizeof(cname), "%s:esp-encrypt", where);
		op.enc = 1;
		op.in = esppt;
		op.inlen = r->aadlen + 8 + r->msglen;
		check(D_ESP, cname, espkey, r->keylen + 4, &op, espct,
		      r->aadlen + 8 + r->ctlen + r->taglen, 0);
	}
	snprintf(cname, sizeof(cname), "%s:esp-decrypt", where);
	op.enc = 0;
	op.in = espct;
	op.inlen = r->aadlen + 8 + r->ctlen + r->taglen;
	check(D_ESP, cname, espkey, r->keylen + 4, &op, r->valid ? esppt : NULL,
	      r->aadlen + 8 + r->msglen, -EBADMSG);

	if (r->valid && r->msglen) {
		memset(iv, 0, 4);
		iv[0] = 1;
		memcpy(iv + 4, r->nonce, 12);
		snprintf(cname, sizeof(cname), "%s:chacha20-block1", where);
		op = (struct op){ .enc = 1, .iv = iv, .ivlen = 16, .in = r->msg,
				  .inlen = r->msglen, .out = out, .outcap = cap };
		check(D_CHACHA, cname, r->key, r->keylen, &op, r->ct, r->ctlen, 0);
	}
	free(out);
	free(pt);
	free(ctt);
	free(espkey);
	free(esppt);
	free(espct);
}

/* An IV of a size the driver does not have: AF_ALG refuses it (EINVAL). */
static void ivsize_record(int di, const struct rec *r, const char *where)
{
	unsigned char out[64];
	struct op op = { .enc = 0, .iv = r->nonce, .ivlen = r->noncelen, .aead = 1,
			 .in = r->tag, .inlen = r->taglen, .out = out, .outcap = sizeof(out) };
	char cname[160];

	snprintf(cname, sizeof(cname), "%s:ivsize-%zu", where, r->noncelen);
	if (r->valid) {
		result(drivers[di].name, cname, 0, "valid record, IV of %zu bytes, not %zu",
		       r->noncelen, drivers[di].ivsize);
		return;
	}
	check(di, cname, r->key, r->keylen, &op, NULL, 0, -EINVAL);
}

static void skcipher_record(int di, const struct rec *r, const unsigned char *iv,
			    const char *where, const char *what)
{
	unsigned char *out = malloc(r->msglen + 16);
	struct op op = { .enc = 1, .iv = iv, .ivlen = drivers[di].ivsize, .in = r->msg,
			 .inlen = r->msglen, .out = out, .outcap = r->msglen + 16 };
	char cname[160];

	snprintf(cname, sizeof(cname), "%s:%s", where, what);
	check(di, cname, r->key, r->keylen, &op, r->ct, r->ctlen, 0);
	free(out);
}

/* --- KTV input ---------------------------------------------------------- */

static int unhex(const char *s, unsigned char **out, size_t *len)
{
	size_t n = strlen(s), i;
	unsigned int b;

	if (n % 2)
		return -1;
	*out = malloc(n / 2 + 1);
	if (!*out)
		return -1;
	for (i = 0; i < n / 2; i++) {
		if (!isxdigit((unsigned char)s[2 * i]) || !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		(*out)[i] = b;
	}
	*len = n / 2;
	return 0;
}

static void free_rec(struct rec *r)
{
	free(r->key);
	free(r->nonce);
	free(r->aad);
	free(r->msg);
	free(r->ct);
	free(r->tag);
	memset(r, 0, sizeof(*r));
}

/* Parse one KTV line into @r; 0 on success, -1 if malformed. */
static int parse(char *line, struct rec *r)
{
	static const char * const hexf[] = { "key", "nonce", "aad", "msg", "ct", "tag" };
	unsigned char **bufs[] = { &r->key, &r->nonce, &r->aad, &r->msg, &r->ct, &r->tag };
	size_t *lens[] = { &r->keylen, &r->noncelen, &r->aadlen, &r->msglen, &r->ctlen,
			   &r->taglen };
	char *tok, *save, *eq;
	int expect = 0;
	size_t i;

	for (tok = strtok_r(line, " \t\n", &save); tok; tok = strtok_r(NULL, " \t\n", &save)) {
		eq = strchr(tok, '=');
		if (!eq)
			return -1;
		*eq++ = 0;
		for (i = 0; i < 6 && strcmp(tok, hexf[i]); i++)
			;
		if (i < 6) {
			free(*bufs[i]);
			*bufs[i] = NULL;
			if (unhex(eq, bufs[i], lens[i]))
				return -1;
		} else if (!strcmp(tok, "op")) {
			snprintf(r->op, sizeof(r->op), "%s", eq);
		} else if (!strcmp(tok, "counter")) {
			r->counter = strtoul(eq, NULL, 10);
		} else if (!strcmp(tok, "expect")) {
			r->valid = !strcmp(eq, "valid");
			expect = 1;
		}
	}
	for (i = 0; i < 6; i++)
		if (!*bufs[i] && unhex("", bufs[i], lens[i]))
			return -1;
	return r->op[0] && expect ? 0 : -1;
}

static int run_file(const char *path)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	unsigned int lineno = 0, used = 0, other = 0;
	unsigned char iv[32];
	char *line = NULL, where[128];
	size_t cap = 0;
	struct rec r = { 0 };
	FILE *f = fopen(path, "r");

	if (!f) {
		result("-", base, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		snprintf(where, sizeof(where), "%s:%u", base, lineno);
		free_rec(&r);
		if (parse(line, &r)) {
			result("-", where, 0, "malformed KTV record");
			continue;
		}
		if (!strcmp(r.op, "chacha20poly1305") && r.noncelen == 12 &&
		    r.taglen == TAG_SIZE && r.keylen == 32) {
			aead_record(&r, where);
		} else if (!strcmp(r.op, "chacha20poly1305") && r.noncelen != 12) {
			ivsize_record(D_AEAD, &r, where);
		} else if (!strcmp(r.op, "xchacha20poly1305") && r.valid && r.noncelen == 24 &&
			   r.msglen) {
			memcpy(iv, r.nonce, 24);
			memset(iv + 24, 0, 8);
			iv[24] = 1;
			skcipher_record(D_XCHACHA, &r, iv, where, "xchacha20-block1");
		} else if (!strcmp(r.op, "chacha20") && r.noncelen == 12) {
			iv[0] = r.counter;
			iv[1] = r.counter >> 8;
			iv[2] = r.counter >> 16;
			iv[3] = r.counter >> 24;
			memcpy(iv + 4, r.nonce, 12);
			skcipher_record(D_CHACHA, &r, iv, where, "chacha20");
		} else {
			other++;
			continue;
		}
		used++;
	}
	free_rec(&r);
	free(line);
	fclose(f);
	nna += other;
	printf("AFALG-FILE %s records=%u used=%u not-applicable=%u\n", base, used + other, used,
	       other);
	return 0;
}

/* --- fixed vectors and bad input --------------------------------------- */

/* RFC 8439 2.4.2: key 00..1f, nonce 00000000 0000004a 00000000, counter 1. */
static const unsigned char rfc8439_ct[114] = {
	0x6e, 0x2e, 0x35, 0x9a, 0x25, 0x68, 0xf9, 0x80, 0x41, 0xba, 0x07, 0x28, 0xdd, 0x0d,
	0x69, 0x81, 0xe9, 0x7e, 0x7a, 0xec, 0x1d, 0x43, 0x60, 0xc2, 0x0a, 0x27, 0xaf, 0xcc,
	0xfd, 0x9f, 0xae, 0x0b, 0xf9, 0x1b, 0x65, 0xc5, 0x52, 0x47, 0x33, 0xab, 0x8f, 0x59,
	0x3d, 0xab, 0xcd, 0x62, 0xb3, 0x57, 0x16, 0x39, 0xd6, 0x24, 0xe6, 0x51, 0x52, 0xab,
	0x8f, 0x53, 0x0c, 0x35, 0x9f, 0x08, 0x61, 0xd8, 0x07, 0xca, 0x0d, 0xbf, 0x50, 0x0d,
	0x6a, 0x61, 0x56, 0xa3, 0x8e, 0x08, 0x8a, 0x22, 0xb6, 0x5e, 0x52, 0xbc, 0x51, 0x4d,
	0x16, 0xcc, 0xf8, 0x06, 0x81, 0x8c, 0xe9, 0x1a, 0xb7, 0x79, 0x37, 0x36, 0x5a, 0xf9,
	0x0b, 0xbf, 0x74, 0xa3, 0x5b, 0xe6, 0xb4, 0x0b, 0x8e, 0xed, 0xf2, 0x78, 0x5e, 0x42,
	0x87, 0x4d,
};

static void rfc8439_chacha20(void)
{
	static const char pt1[] = "Ladies and Gentlemen of the class of '99: If I could ";
	static const char pt2[] = "offer you only one tip for the future, sunscreen would be it.";
	unsigned char key[32], iv[16] = { 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0x4a };
	unsigned char out[sizeof(rfc8439_ct)];
	char pt[sizeof(pt1) + sizeof(pt2)];
	struct op op = { .enc = 1, .iv = iv, .ivlen = 16, .in = (const unsigned char *)pt,
			 .out = out, .outcap = sizeof(out) };
	int i;

	op.inlen = snprintf(pt, sizeof(pt), "%s%s", pt1, pt2);
	for (i = 0; i < 32; i++)
		key[i] = i;
	check(D_CHACHA, "rfc8439-2.4.2", key, 32, &op, rfc8439_ct, sizeof(rfc8439_ct), 0);
}

/*
 * A bad-input case: fn() on a transform of driver @name returns 0 or
 * -errno; the result must be one of want[] (0 terminates the list unless
 * it is the first entry) and the same as the kernel's own driver's.
 */
struct bad {
	const char *name;
	int drv;
	long (*fn)(const struct drv *d, const char *name, long arg);
	long arg;
	long want[2];
};

static const unsigned char zeros[256];

static long tfm_keyed(const struct drv *d, const char *name, size_t keylen)
{
	int tfm = alg_tfm(d->type, name);
	long r;

	if (tfm < 0)
		return tfm;
	r = alg_setkey(tfm, zeros, keylen);
	if (r) {
		close(tfm);
		return r;
	}
	return tfm;
}

/* setkey with @arg bytes. */
static long bad_key(const struct drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, arg);

	if (tfm < 0)
		return tfm;
	close(tfm);
	return 0;
}

/* ALG_SET_AEAD_AUTHSIZE @arg. */
static long bad_authsize(const struct drv *d, const char *name, long arg)
{
	long tfm = alg_tfm(d->type, name), r;

	if (tfm < 0)
		return tfm;
	r = alg_setauthsize(tfm, arg);
	close(tfm);
	return r;
}

/* A request without a key: AF_ALG accepts, then sendmsg() says ENOKEY. */
static long bad_nokey(const struct drv *d, const char *name, long arg)
{
	long tfm = alg_tfm(d->type, name), r;
	unsigned char out[64];
	struct op op = { .enc = 1, .iv = zeros, .ivlen = d->ivsize,
			 .aead = !strcmp(d->type, "aead"), .assoclen = arg, .in = zeros,
			 .inlen = 16, .out = out, .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

/* Encrypt 16 bytes with an IV of @arg bytes. */
static long bad_ivsize(const struct drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, d->keysize), r;
	unsigned char out[64];
	struct op op = { .enc = 1, .iv = zeros, .ivlen = arg, .aead = !strcmp(d->type, "aead"),
			 .in = zeros, .inlen = 16, .out = out, .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

/*
 * AEAD request: @arg = assoclen * 1000 + data length (AAD included),
 * negative for decryption.
 */
static long bad_request(const struct drv *d, const char *name, long arg)
{
	long tfm = tfm_keyed(d, name, d->keysize), r;
	unsigned char out[256];
	long a = arg < 0 ? -arg : arg;
	struct op op = { .enc = arg > 0, .iv = zeros, .ivlen = d->ivsize, .aead = 1,
			 .assoclen = a / 1000, .in = zeros, .inlen = a % 1000, .out = out,
			 .outcap = sizeof(out) };

	if (tfm < 0)
		return tfm;
	r = alg_run(tfm, &op);
	close(tfm);
	return r < 0 ? r : 0;
}

static const struct bad bad_cases[] = {
	{ "key-32", D_AEAD, bad_key, 32, { 0 } },
	{ "key-31", D_AEAD, bad_key, 31, { -EINVAL } },
	{ "key-33", D_AEAD, bad_key, 33, { -EINVAL } },
	{ "key-0", D_AEAD, bad_key, 0, { -EINVAL } },
	{ "key-36", D_ESP, bad_key, 36, { 0 } },
	{ "key-32", D_ESP, bad_key, 32, { -EINVAL } },
	{ "key-35", D_ESP, bad_key, 35, { -EINVAL } },
	{ "key-16", D_CHACHA, bad_key, 16, { -EINVAL } },
	{ "key-31", D_CHACHA, bad_key, 31, { -EINVAL } },
	{ "key-16", D_XCHACHA, bad_key, 16, { -EINVAL } },
	{ "key-33", D_XCHACHA, bad_key, 33, { -EINVAL } },
	{ "authsize-16", D_AEAD, bad_authsize, 16, { 0 } },
	{ "authsize-0", D_AEAD, bad_authsize, 0, { -EINVAL } },
	{ "authsize-8", D_AEAD, bad_authsize, 8, { -EINVAL } },
	{ "authsize-12", D_AEAD, bad_authsize, 12, { -EINVAL } },
	{ "authsize-15", D_AEAD, bad_authsize, 15, { -EINVAL } },
	{ "authsize-17", D_AEAD, bad_authsize, 17, { -EINVAL } },
	{ "authsize-8", D_ESP, bad_authsize, 8, { -EINVAL } },
	{ "nokey", D_AEAD, bad_nokey, 0, { -ENOKEY } },
	{ "nokey", D_ESP, bad_nokey, 8, { -ENOKEY } },
	{ "nokey", D_CHACHA, bad_nokey, 0, { -ENOKEY } },
	{ "nokey", D_XCHACHA, bad_nokey, 0, { -ENOKEY } },
	{ "iv-12", D_AEAD, bad_ivsize, 12, { 0 } },
	{ "iv-8", D_AEAD, bad_ivsize, 8, { -EINVAL } },
	{ "iv-16", D_AEAD, bad_ivsize, 16, { -EINVAL } },
	{ "iv-12", D_ESP, bad_ivsize, 12, { -EINVAL } },
	{ "iv-12", D_CHACHA, bad_ivsize, 12, { -EINVAL } },
	{ "iv-24", D_XCHACHA, bad_ivsize, 24, { -EINVAL } },
	{ "esp-assoclen-8-encrypt", D_ESP, bad_request, 8 * 1000 + 24, { 0 } },
	{ "esp-assoclen-4-encrypt", D_ESP, bad_request, 4 * 1000 + 24, { -EINVAL } },
	{ "esp-assoclen-0-encrypt", D_ESP, bad_request, 0 * 1000 + 24, { -EINVAL } },
	{ "esp-assoclen-7-decrypt", D_ESP, bad_request, -(7 * 1000 + 7 + 16), { -EINVAL } },
	{ "ct-15-shorter-than-tag", D_AEAD, bad_request, -15, { -EINVAL, -EBADMSG } },
	{ "ct-0-no-tag", D_AEAD, bad_request, -(4 * 1000 + 4), { -EINVAL, -EBADMSG } },
	{ "ct-tag-only-wrong", D_AEAD, bad_request, -16, { -EBADMSG } },
	{ "esp-ct-15-shorter-than-tag", D_ESP, bad_request, -(8 * 1000 + 8 + 15),
	  { -EINVAL, -EBADMSG } },
};

static void bad_input(void)
{
	const struct bad *b;
	char cname[96];
	long got, ref;

	for (b = bad_cases; b < bad_cases + ARRAY_SIZE(bad_cases); b++) {
		const struct drv *d = &drivers[b->drv];

		snprintf(cname, sizeof(cname), "bad:%s", b->name);
		if (!d->ref) {
			result(d->name, cname, 0, "no driver of the kernel's own bound (%s, %s)",
			       d->own[0], d->own[1]);
			continue;
		}
		got = b->fn(d, d->name, b->arg);
		ref = b->fn(d, d->ref, b->arg);
		if (got != ref)
			result(d->name, cname, 0, "%s, but %s gives %s", errname(got), d->ref,
			       errname(ref));
		else if (got != b->want[0] && (!b->want[1] || got != b->want[1]))
			result(d->name, cname, 0, "%s (as %s), expected %s", errname(got), d->ref,
			       errname(b->want[0]));
		else
			result(d->name, cname, 1, "%s, as %s", errname(got), d->ref);
	}
}

/* The kernel's own driver of each kind: the first candidate that binds. */
static void pick_drivers(int own)
{
	struct drv *d;
	int i, fd;

	for (d = drivers; d < drivers + D_COUNT; d++) {
		for (i = 0; i < 2 && !d->ref; i++) {
			fd = alg_tfm(d->type, d->own[i]);
			printf("AFALG-REF %s %s: %s\n", d->kcrypto, d->own[i],
			       fd < 0 ? errname(fd) : "bound");
			if (fd >= 0) {
				d->ref = d->own[i];
				close(fd);
			}
		}
		if (own)
			d->name = d->ref ? d->ref : d->own[0];
	}
}

int main(int argc, char **argv)
{
	int own = 0, opt, i;

	while ((opt = getopt(argc, argv, "gq")) != -1) {
		switch (opt) {
		case 'g':
			own = 1;
			break;
		case 'q':
			quiet = 1;
			break;
		default:
			fprintf(stderr, "usage: kcrypto-afalg [-g] [-q] FILE.ktv...\n");
			return 2;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	for (i = 0; i < D_COUNT; i++)
		drivers[i].name = drivers[i].kcrypto;
	/* -g: the kernel's drivers first; else when bad input needs them. */
	if (own)
		pick_drivers(own);
	for (i = optind; i < argc; i++)
		run_file(argv[i]);
	rfc8439_chacha20();
	if (!own)
		pick_drivers(own);
	bad_input();
	printf("AFALG-SUMMARY set=%s pass=%u fail=%u not-applicable=%u files=%d\n",
	       own ? "kernel" : "kcrypto", npass, nfail, nna, argc - optind);
	return nfail || !npass ? 1 : 0;
}
