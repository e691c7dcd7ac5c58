// SPDX-License-Identifier: GPL-2.0
/*
 * ktv: the KTV record parser and what else kcrypto-afalg and kcrypto-kcapi
 * share (ktv.h).
 */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "ktv.h"

struct ktv_drv ktv_drivers[KTV_DRIVERS] = {
	[KTV_AEAD] = { "aead", "rfc7539-chacha20-poly1305-kcrypto",
		       { "rfc7539(chacha20-lib,poly1305-generic)",
			 "rfc7539(chacha20-generic,poly1305-generic)" }, 32, 12 },
	[KTV_ESP] = { "aead", "rfc7539esp-chacha20-poly1305-kcrypto",
		      { "rfc7539esp(chacha20-lib,poly1305-generic)",
			"rfc7539esp(chacha20-generic,poly1305-generic)" }, 36, 8 },
	[KTV_CHACHA] = { "skcipher", "chacha20-kcrypto",
			 { "chacha20-lib", "chacha20-generic" }, 32, 16 },
	[KTV_XCHACHA] = { "skcipher", "xchacha20-kcrypto",
			  { "xchacha20-lib", "xchacha20-generic" }, 32, 32 },
};

const char *ktv_prefix = "KTV";
int ktv_quiet;
unsigned int ktv_npass, ktv_nfail, ktv_nna;

/* "<prefix> <driver> <case> PASS|FAIL <detail>" (PASS lines not with -q). */
void ktv_result(const char *drv, const char *name, int ok, const char *fmt, ...)
{
	va_list ap;

	if (ok)
		ktv_npass++;
	else
		ktv_nfail++;
	if (ok && ktv_quiet)
		return;
	printf("%s %s %s %s ", ktv_prefix, drv, name, ok ? "PASS" : "FAIL");
	va_start(ap, fmt);
	vprintf(fmt, ap);
	va_end(ap);
	putchar('\n');
}

void *ktv_alloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (!p) {
		perror("malloc");
		exit(2);
	}
	return p;
}

unsigned char *ktv_cat(const unsigned char *a, size_t alen, const unsigned char *b,
		       size_t blen, const unsigned char *c, size_t clen)
{
	unsigned char *p = ktv_alloc(alen + blen + clen + 1);

	memcpy(p, a, alen);
	memcpy(p + alen, b, blen);
	memcpy(p + alen + blen, c, clen);
	return p;
}

/* -errno as its name, else the byte count. */
const char *ktv_errname(long e)
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
 * The verdict on a request that returned @r (bytes produced in @out, or
 * -errno): it must produce @want (@wantlen bytes) or, with @want NULL,
 * fail with @werr.
 */
void ktv_verdict(const char *drv, const char *name, long r, const unsigned char *out,
		 const unsigned char *want, size_t wantlen, long werr)
{
	size_t i;

	if (!want) {
		ktv_result(drv, name, r == werr, "%s, expected %s", ktv_errname(r),
			   ktv_errname(werr));
		return;
	}
	if (r < 0 || (size_t)r != wantlen) {
		ktv_result(drv, name, 0, "%s, expected %zu bytes", ktv_errname(r), wantlen);
		return;
	}
	for (i = 0; i < wantlen && out[i] == want[i]; i++)
		;
	if (i < wantlen)
		ktv_result(drv, name, 0, "output differs at byte %zu of %zu", i, wantlen);
	else
		ktv_result(drv, name, 1, "%zu bytes", wantlen);
}

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
		if (!isxdigit((unsigned char)s[2 * i]) ||
		    !isxdigit((unsigned char)s[2 * i + 1]) ||
		    sscanf(s + 2 * i, "%2x", &b) != 1)
			return -1;
		(*out)[i] = b;
	}
	*len = n / 2;
	return 0;
}

void ktv_free(struct ktv_rec *r)
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
int ktv_parse(char *line, struct ktv_rec *r)
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

enum ktv_kind ktv_classify(const struct ktv_rec *r)
{
	if (!strcmp(r->op, "chacha20poly1305") && r->noncelen == 12 &&
	    r->taglen == KTV_TAG_SIZE && r->keylen == 32)
		return KTV_REC_AEAD;
	if (!strcmp(r->op, "chacha20poly1305") && r->noncelen != 12)
		return KTV_REC_IVSIZE;
	if (!strcmp(r->op, "xchacha20poly1305") && r->valid && r->noncelen == 24 && r->msglen)
		return KTV_REC_XCHACHA;
	if (!strcmp(r->op, "chacha20") && r->noncelen == 12)
		return KTV_REC_CHACHA;
	return KTV_OTHER;
}

/* The chacha20 IV: 32-bit little-endian block counter, then the nonce. */
void ktv_chacha_iv(unsigned char iv[16], unsigned long counter, const unsigned char *nonce)
{
	iv[0] = counter;
	iv[1] = counter >> 8;
	iv[2] = counter >> 16;
	iv[3] = counter >> 24;
	memcpy(iv + 4, nonce, 12);
}

void ktv_aead_bufs(const struct ktv_rec *r, struct ktv_aead *b)
{
	unsigned char *espiv;

	b->ptlen = r->aadlen + r->msglen;
	b->pt = ktv_cat(r->aad, r->aadlen, r->msg, r->msglen, NULL, 0);
	b->cttlen = r->aadlen + r->ctlen + r->taglen;
	b->ctt = ktv_cat(r->aad, r->aadlen, r->ct, r->ctlen, r->tag, r->taglen);
	b->espkeylen = r->keylen + 4;
	b->espkey = ktv_cat(r->key, r->keylen, r->nonce, 4, NULL, 0);
	b->espptlen = r->aadlen + 8 + r->msglen;
	b->esppt = ktv_cat(r->aad, r->aadlen, r->nonce + 4, 8, r->msg, r->msglen);
	espiv = ktv_cat(r->aad, r->aadlen, r->nonce + 4, 8, r->ct, r->ctlen);
	b->espctlen = r->aadlen + 8 + r->ctlen + r->taglen;
	b->espct = ktv_cat(espiv, r->aadlen + 8 + r->ctlen, r->tag, r->taglen, NULL, 0);
	free(espiv);
}

/*
 * The requests of a KTV_REC_AEAD record, in order: rfc7539 encrypt (valid
 * records) and decrypt, rfc7539esp encrypt (valid) and decrypt.  Returns
 * how many.
 */
int ktv_aead_cases(const struct ktv_rec *r, const struct ktv_aead *b,
		   struct ktv_aead_case c[KTV_AEAD_CASES])
{
	int n = 0;

	if (r->valid)
		c[n++] = (struct ktv_aead_case){ "encrypt", KTV_AEAD, 1, r->key, r->nonce, b->pt,
						 b->ctt, r->keylen, 12, r->aadlen, b->ptlen,
						 b->cttlen };
	c[n++] = (struct ktv_aead_case){ "decrypt", KTV_AEAD, 0, r->key, r->nonce, b->ctt,
					 r->valid ? b->pt : NULL, r->keylen, 12, r->aadlen,
					 b->cttlen, b->ptlen };
	if (r->valid)
		c[n++] = (struct ktv_aead_case){ "esp-encrypt", KTV_ESP, 1, b->espkey,
						 r->nonce + 4, b->esppt, b->espct, b->espkeylen,
						 8, r->aadlen + 8, b->espptlen, b->espctlen };
	c[n++] = (struct ktv_aead_case){ "esp-decrypt", KTV_ESP, 0, b->espkey, r->nonce + 4,
					 b->espct, r->valid ? b->esppt : NULL, b->espkeylen, 8,
					 r->aadlen + 8, b->espctlen, b->espptlen };
	return n;
}

void ktv_aead_free(struct ktv_aead *b)
{
	free(b->pt);
	free(b->ctt);
	free(b->espkey);
	free(b->esppt);
	free(b->espct);
	memset(b, 0, sizeof(*b));
}

/* One record to @ops: 1 if it ran, 0 if not applicable. */
static int ktv_dispatch(const struct ktv_rec *r, const struct ktv_ops *ops, const char *where)
{
	unsigned char iv[32];

	switch (ktv_classify(r)) {
	case KTV_REC_AEAD:
		ops->aead(r, where);
		return 1;
	case KTV_REC_IVSIZE:
		if (!ops->ivsize)
			return 0;
		ops->ivsize(r, where);
		return 1;
	case KTV_REC_XCHACHA:
		/* From block 1 (the AEAD's ciphertext): nonce, counter 1. */
		memcpy(iv, r->nonce, 24);
		memset(iv + 24, 0, 8);
		iv[24] = 1;
		ops->skcipher(KTV_XCHACHA, r, iv, where, "xchacha20-block1");
		return 1;
	case KTV_REC_CHACHA:
		ktv_chacha_iv(iv, r->counter, r->nonce);
		ops->skcipher(KTV_CHACHA, r, iv, where, "chacha20");
		return 1;
	default:
		return 0;
	}
}

int ktv_run_file(const char *path, const struct ktv_ops *ops)
{
	const char *base = strrchr(path, '/') ? strrchr(path, '/') + 1 : path;
	unsigned int lineno = 0, used = 0, other = 0;
	char *line = NULL, where[128];
	size_t cap = 0;
	struct ktv_rec r = { 0 };
	FILE *f = fopen(path, "r");

	if (!f) {
		ktv_result("-", base, 0, "cannot open: %s", strerror(errno));
		return -1;
	}
	while (getline(&line, &cap, f) > 0) {
		lineno++;
		if (line[0] == '#' || line[0] == '\n')
			continue;
		snprintf(where, sizeof(where), "%s:%u", base, lineno);
		ktv_free(&r);
		if (ktv_parse(line, &r)) {
			ktv_result("-", where, 0, "malformed KTV record");
			continue;
		}
		if (ktv_dispatch(&r, ops, where))
			used++;
		else
			other++;
	}
	ktv_free(&r);
	free(line);
	fclose(f);
	ktv_nna += other;
	printf("%s-FILE %s records=%u used=%u not-applicable=%u\n", ktv_prefix, base,
	       used + other, used, other);
	return 0;
}

int ktv_options(int argc, char **argv, const char *prog, int *own)
{
	int opt;

	*own = 0;
	while ((opt = getopt(argc, argv, "gq")) != -1) {
		switch (opt) {
		case 'g':
			*own = 1;
			break;
		case 'q':
			ktv_quiet = 1;
			break;
		default:
			fprintf(stderr, "usage: %s [-g] [-q] FILE.ktv...\n", prog);
			return -1;
		}
	}
	setvbuf(stdout, NULL, _IOLBF, 0);
	return optind;
}

int ktv_summary(int own, int files)
{
	printf("%s-SUMMARY set=%s pass=%u fail=%u not-applicable=%u files=%d\n", ktv_prefix,
	       own ? "kernel" : "kcrypto", ktv_npass, ktv_nfail, ktv_nna, files);
	return ktv_nfail || !ktv_npass ? 1 : 0;
}
