/* banned.h - functions that are easy to misuse; use the length-aware
 * alternatives (snprintf, memcpy with a checked length, strtol). */
#ifndef DYAD_BANNED_H
#define DYAD_BANNED_H
#define BANNED(f) sorry_##f##_is_banned
#undef strcpy
#define strcpy(x, y) BANNED(strcpy)
#undef strcat
#define strcat(x, y) BANNED(strcat)
#undef sprintf
#define sprintf(...) BANNED(sprintf)
#undef vsprintf
#define vsprintf(...) BANNED(vsprintf)
#undef strtok
#define strtok(x, y) BANNED(strtok)
#undef atoi
#define atoi(x) BANNED(atoi)
#undef gets
#define gets(x) BANNED(gets)
#endif
