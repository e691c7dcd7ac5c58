/* SPDX-License-Identifier: GPL-2.0 */
/*
 * ktv: what the crypto-api scenario's two AF_ALG clients share
 * (kcrypto-afalg.c: raw AF_ALG system calls; kcrypto-kcapi.c: libkcapi):
 * the KTV record parser (scripts/vectors-to-ktv writes the records), the
 * drivers they bind by name, the buffers a chacha20poly1305 record gives,
 * the option parser and the PASS/FAIL lines and counts.
 */
#ifndef KCRYPTO_QEMU_KTV_H
#define KCRYPTO_QEMU_KTV_H

#include <stddef.h>

#define KTV_TAG_SIZE	16

/* The drivers the clients bind by driver name. */
enum { KTV_AEAD, KTV_ESP, KTV_CHACHA, KTV_XCHACHA, KTV_DRIVERS };

struct ktv_drv {
	const char *type;		/* AF_ALG salg_type */
	const char *kcrypto;		/* driver under test */
	const char *own[2];		/* the kernel's own, first that binds */
	size_t keysize;
	size_t ivsize;
	const char *name;		/* chosen for this run */
	const char *ref;		/* the kernel's own, once one bound */
};

extern struct ktv_drv ktv_drivers[KTV_DRIVERS];

/* One KTV line: hex fields decoded (absent ones empty, never NULL). */
struct ktv_rec {
	char op[24];
	unsigned char *key, *nonce, *aad, *msg, *ct, *tag;
	size_t keylen, noncelen, aadlen, msglen, ctlen, taglen;
	unsigned long counter;
	int valid;
};

/* What a record asks of the drivers. */
enum ktv_kind {
	KTV_OTHER,		/* nothing the clients run */
	KTV_REC_AEAD,		/* chacha20poly1305, 12-byte nonce, 16-byte tag */
	KTV_REC_IVSIZE,		/* chacha20poly1305 with another nonce size */
	KTV_REC_XCHACHA,	/* xchacha20poly1305, valid, with a message */
	KTV_REC_CHACHA,		/* chacha20, 12-byte nonce */
};

/*
 * The buffers of a chacha20poly1305 record (KTV_REC_AEAD): rfc7539
 * plaintext and ciphertext (AAD first, tag last) and the rfc7539esp ones
 * (key with the salt nonce[0..3], the IV nonce[4..11] after the AAD).
 */
struct ktv_aead {
	unsigned char *pt, *ctt, *espkey, *esppt, *espct;
	size_t ptlen, cttlen, espkeylen, espptlen, espctlen;
};

/*
 * One AEAD request of a KTV_REC_AEAD record on driver @di: it must give
 * @want (@wantlen bytes) or, with @want NULL, reject the tag (EBADMSG).
 */
struct ktv_aead_case {
	const char *name;
	int di;
	int enc;
	const unsigned char *key, *iv, *in, *want;
	size_t keylen, ivlen, assoclen, inlen, wantlen;
};

#define KTV_AEAD_CASES	4

/* Set by the client: line prefix ("AFALG"), -q. */
extern const char *ktv_prefix;
extern int ktv_quiet;
extern unsigned int ktv_npass, ktv_nfail, ktv_nna;

void ktv_result(const char *drv, const char *name, int ok, const char *fmt, ...);
void *ktv_alloc(size_t n);
unsigned char *ktv_cat(const unsigned char *a, size_t alen, const unsigned char *b,
		       size_t blen, const unsigned char *c, size_t clen);
const char *ktv_errname(long e);
void ktv_verdict(const char *drv, const char *name, long r, const unsigned char *out,
		 const unsigned char *want, size_t wantlen, long werr);

int ktv_parse(char *line, struct ktv_rec *r);
void ktv_free(struct ktv_rec *r);
enum ktv_kind ktv_classify(const struct ktv_rec *r);
void ktv_chacha_iv(unsigned char iv[16], unsigned long counter, const unsigned char *nonce);
void ktv_aead_bufs(const struct ktv_rec *r, struct ktv_aead *b);
void ktv_aead_free(struct ktv_aead *b);
int ktv_aead_cases(const struct ktv_rec *r, const struct ktv_aead *b,
		   struct ktv_aead_case c[KTV_AEAD_CASES]);

/*
 * What a client does with each kind of record (ktv_classify()): @aead a
 * KTV_REC_AEAD record, @ivsize a KTV_REC_IVSIZE one (NULL: not
 * applicable), @skcipher chacha20 or xchacha20 (@di) with the record's
 * @iv, a case named @what.
 */
struct ktv_ops {
	void (*aead)(const struct ktv_rec *r, const char *where);
	void (*ivsize)(const struct ktv_rec *r, const char *where);
	void (*skcipher)(int di, const struct ktv_rec *r, const unsigned char *iv,
			 const char *where, const char *what);
};

/*
 * Run @ops on every record of @path; prints "<prefix>-FILE ..." with the
 * records run and not applicable; -1 if unreadable.
 */
int ktv_run_file(const char *path, const struct ktv_ops *ops);

/* -g (the kernel's own drivers) and -q: index of the first file, or -1. */
int ktv_options(int argc, char **argv, const char *prog, int *own);
/* "<prefix>-SUMMARY ..."; the exit status: 1 on a FAIL or if none passed. */
int ktv_summary(int own, int files);

#endif /* KCRYPTO_QEMU_KTV_H */
