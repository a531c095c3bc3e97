/* error.c - error codes and the dyad_error filler. */
#include "internal.h"
#include <stdio.h>

const char *dyad_strerror(int code)
{
	switch (code) {
	case DYAD_OK: return "success";
	case DYAD_ENOMEM: return "out of memory";
	case DYAD_EIO: return "input/output error";
	case DYAD_EDICT: return "malformed dictionary";
	case DYAD_EINPUT: return "malformed input";
	case DYAD_ETOOBIG: return "input exceeds a size limit";
	case DYAD_EUTF8: return "invalid UTF-8";
	case DYAD_EUSAGE: return "invalid argument";
	case DYAD_ECACHE: return "compiled cache is stale or corrupt";
	case DYAD_EDB: return "not a dyad database or unsupported schema";
	case DYAD_EBUSY: return "database is locked";
	}
	return "unknown error";
}

int dyad_seterr(dyad_error *err, int code, const char *file, long line,
		long pos, const char *fmt, ...)
{
	if (!err)
		return code;
	err->code = code;
	snprintf(err->file, sizeof err->file, "%s", file ? file : "");
	err->line = line;
	err->pos = pos;
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(err->msg, sizeof err->msg, fmt, ap);
	va_end(ap);
	return code;
}
