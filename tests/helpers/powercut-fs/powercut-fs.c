/*
 * powercut-fs: a FUSE filesystem for tests that simulates a power cut (the idea of LazyFS,
 * github.com/dsrhaslab/lazyfs, much smaller). Usage:
 *
 *   powercut-fs BACKING STATE MOUNTPOINT
 *
 * BACKING is the "disk": after a cut it holds exactly what a disk would. STATE is an empty folder
 * of the helper's own (same filesystem as BACKING). Programs use MOUNTPOINT; everything they do
 * is applied at once to STATE/work (the page cache: what they read back), and reaches BACKING
 * only as an ext4 disk (data=ordered, delayed allocation, no auto_da_alloc) would let it:
 *
 * - a file's data and size are durable only when that file is fsynced/fdatasynced: then its
 *   whole content is copied to STATE/store/<id>, which is hard-linked into BACKING under each of
 *   its durable names;
 * - the namespace (create, mkdir, rename, link, unlink, rmdir) is journaled in order, and any
 *   fsync (of a file or a directory) commits the whole journal: BACKING's names become the work
 *   tree's names. A file named by that commit whose data was never synced appears empty (the
 *   zero-length file of ext4's delayed allocation), one synced earlier with that earlier content.
 *
 * Harsher than a real disk in one way, milder in another: nothing unsynced ever survives (ext4
 * also commits its journal every few seconds and writes dirty pages back on its own), and no
 * unsynced write survives in part (a real cut can keep some blocks of an unsynced write and lose
 * others; SQLite's WAL checksums are meant for that, and LazyFS can simulate it).
 *
 * Writing anything to MOUNTPOINT/.powercut cuts the power: from then on every operation fails
 * with EIO and BACKING never changes again; unmount with `fusermount3 -u MOUNTPOINT`.
 * Runs single-threaded, so a cut falls between two operations, never inside one. Prints
 * "mounted" on stdout once the kernel talks to it.
 */
#define FUSE_USE_VERSION 31
#define _GNU_SOURCE
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <fuse.h>
#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <signal.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/stat.h>
#include <sys/statvfs.h>
#include <sys/time.h>
#include <unistd.h>

static const char *CONTROL = "/.powercut";

static char backing_root[PATH_MAX], work_root[PATH_MAX], store_root[PATH_MAX];
static int cut;
static long next_id = 1;

/* A name in a tree: its path below the root, and the file's store id (0 for a directory). */
struct entry { char *path; long id; };
struct entries { struct entry *items; size_t count, capacity; };

/* BACKING's names, as of the last commit. */
static struct entries durable;

/* Which store id each work inode has (inode numbers can be reused after an unlink). */
struct inode_id { ino_t ino; long id; };
static struct inode_id *inode_ids;
static size_t inode_count, inode_capacity;

static void die(const char *what) { perror(what); exit(1); }

/* snprintf into a PATH_MAX buffer, refusing a path that does not fit. */
static void pathf(char *out, const char *format, ...) {
  va_list args;
  va_start(args, format);
  int length = vsnprintf(out, PATH_MAX, format, args);
  va_end(args);
  if (length < 0 || length >= PATH_MAX) die("path too long");
}

static void join(char *out, const char *root, const char *path) { pathf(out, "%s%s", root, path); }
static void store_path(char *out, long id) { pathf(out, "%s/%ld", store_root, id); }

static void push(struct entries *list, const char *path, long id) {
  if (list->count == list->capacity) {
    list->capacity = list->capacity ? list->capacity * 2 : 64;
    list->items = realloc(list->items, list->capacity * sizeof *list->items);
    if (!list->items) die("realloc");
  }
  list->items[list->count++] = (struct entry){ strdup(path), id };
}

static void clear(struct entries *list) {
  for (size_t i = 0; i < list->count; i++) free(list->items[i].path);
  list->count = 0;
}

static long id_of(ino_t ino) {
  for (size_t i = 0; i < inode_count; i++) if (inode_ids[i].ino == ino) return inode_ids[i].id;
  return 0;
}

/* Gives a work inode a new store id (a new file), replacing any id a reused inode number had. */
static long new_id(ino_t ino) {
  long id = next_id++;
  for (size_t i = 0; i < inode_count; i++) {
    if (inode_ids[i].ino == ino) { inode_ids[i].id = id; return id; }
  }
  if (inode_count == inode_capacity) {
    inode_capacity = inode_capacity ? inode_capacity * 2 : 64;
    inode_ids = realloc(inode_ids, inode_capacity * sizeof *inode_ids);
    if (!inode_ids) die("realloc");
  }
  inode_ids[inode_count++] = (struct inode_id){ ino, id };
  return id;
}

static long id_or_new(ino_t ino) {
  long id = id_of(ino);
  return id ? id : new_id(ino);
}

/* Every name below `dir` (a path below work_root, "" for the root), parents before children. */
static void walk(const char *dir, struct entries *out) {
  char full[PATH_MAX];
  join(full, work_root, dir);
  DIR *handle = opendir(full);
  if (!handle) die("opendir");
  struct dirent *item;
  while ((item = readdir(handle))) {
    if (!strcmp(item->d_name, ".") || !strcmp(item->d_name, "..")) continue;
    char path[PATH_MAX], file[PATH_MAX];
    pathf(path, "%s/%s", dir, item->d_name);
    join(file, work_root, path);
    struct stat st;
    if (lstat(file, &st) != 0) die("lstat");
    if (S_ISDIR(st.st_mode)) {
      push(out, path, 0);
      walk(path, out);
    } else if (S_ISREG(st.st_mode)) {
      push(out, path, id_or_new(st.st_ino));
    }
  }
  closedir(handle);
}

static int find(const struct entries *list, const char *path, long id) {
  for (size_t i = 0; i < list->count; i++) {
    if (list->items[i].id == id && !strcmp(list->items[i].path, path)) return 1;
  }
  return 0;
}

/* The journal commit: BACKING's names become the work tree's (see the header). */
static void commit_namespace(void) {
  struct entries now = { 0 };
  walk("", &now);
  char target[PATH_MAX], source[PATH_MAX];
  for (size_t i = durable.count; i-- > 0;) { /* children before their parents */
    struct entry *old = &durable.items[i];
    if (find(&now, old->path, old->id)) continue;
    join(target, backing_root, old->path);
    if ((old->id ? unlink(target) : rmdir(target)) != 0 && errno != ENOENT) die("remove from backing");
  }
  for (size_t i = 0; i < now.count; i++) {
    struct entry *name = &now.items[i];
    if (find(&durable, name->path, name->id)) continue;
    join(target, backing_root, name->path);
    if (!name->id) {
      if (mkdir(target, 0755) != 0 && errno != EEXIST) die("mkdir in backing");
      continue;
    }
    store_path(source, name->id);
    int fd = open(source, O_WRONLY | O_CREAT, 0644); /* never synced: empty */
    if (fd < 0) die("open store");
    close(fd);
    if (link(source, target) != 0) die("link into backing");
  }
  clear(&durable);
  free(durable.items);
  durable = now;
}

/* Copies an open work file's whole content to its store file (and so to its durable names). */
static void sync_data(int handle) {
  char self[PATH_MAX];
  pathf(self, "/proc/self/fd/%d", handle); /* opened again for reading: the handle may be write-only */
  int fd = open(self, O_RDONLY);
  if (fd < 0) die("reopen");
  struct stat st;
  if (fstat(fd, &st) != 0) die("fstat");
  char file[PATH_MAX];
  store_path(file, id_or_new(st.st_ino));
  int out = open(file, O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (out < 0) die("open store");
  char buffer[1 << 16];
  off_t at = 0;
  ssize_t got;
  while ((got = pread(fd, buffer, sizeof buffer, at)) > 0) {
    if (write(out, buffer, (size_t)got) != got) die("write store");
    at += got;
  }
  if (got < 0) die("pread");
  close(out);
  close(fd);
}

/* At mount: the work tree starts as a copy of BACKING, whose files become the store's. */
static void copy_tree(const char *dir) {
  char from[PATH_MAX];
  join(from, backing_root, dir);
  DIR *handle = opendir(from);
  if (!handle) die("opendir backing");
  struct dirent *item;
  while ((item = readdir(handle))) {
    if (!strcmp(item->d_name, ".") || !strcmp(item->d_name, "..")) continue;
    char path[PATH_MAX], source[PATH_MAX], target[PATH_MAX];
    pathf(path, "%s/%s", dir, item->d_name);
    join(source, backing_root, path);
    join(target, work_root, path);
    struct stat st;
    if (lstat(source, &st) != 0) die("lstat backing");
    if (S_ISDIR(st.st_mode)) {
      if (mkdir(target, st.st_mode & 07777) != 0) die("mkdir work");
      push(&durable, path, 0);
      copy_tree(path);
    } else if (S_ISREG(st.st_mode)) {
      int in = open(source, O_RDONLY), out = open(target, O_WRONLY | O_CREAT | O_EXCL, st.st_mode & 07777);
      if (in < 0 || out < 0) die("copy to work");
      struct stat made;
      if (fstat(out, &made) != 0) die("fstat work");
      long id = new_id(made.st_ino);
      char buffer[1 << 16];
      ssize_t got;
      while ((got = read(in, buffer, sizeof buffer)) > 0) if (write(out, buffer, (size_t)got) != got) die("write work");
      close(in);
      close(out);
      char store[PATH_MAX];
      store_path(store, id);
      if (link(source, store) != 0) die("link store");
      push(&durable, path, id);
    }
  }
  closedir(handle);
}

/* With hard_remove, an unlinked open file comes with no path. */
static int is_control(const char *path) { return path && !strcmp(path, CONTROL); }

#define WORK(var, path) char var[PATH_MAX]; join(var, work_root, path)
#define ALIVE() do { if (cut) return -EIO; } while (0)
#define RESULT(call) ((call) == 0 ? 0 : -errno)

static void *pc_init(struct fuse_conn_info *conn, struct fuse_config *cfg) {
  (void)conn;
  cfg->hard_remove = 1; /* an unlinked open file has no name (no .fuse_hidden file to journal) */
  printf("mounted\n");
  fflush(stdout);
  return NULL;
}

static int pc_getattr(const char *path, struct stat *st, struct fuse_file_info *fi) {
  ALIVE();
  if (is_control(path)) {
    memset(st, 0, sizeof *st);
    st->st_mode = S_IFREG | 0200;
    st->st_nlink = 1;
    return 0;
  }
  if (fi) return RESULT(fstat((int)fi->fh, st));
  WORK(file, path);
  return RESULT(lstat(file, st));
}

static int pc_readdir(const char *path, void *buf, fuse_fill_dir_t fill, off_t offset,
                      struct fuse_file_info *fi, enum fuse_readdir_flags flags) {
  (void)offset; (void)fi; (void)flags;
  ALIVE();
  WORK(dir, path);
  DIR *handle = opendir(dir);
  if (!handle) return -errno;
  struct dirent *item;
  while ((item = readdir(handle))) fill(buf, item->d_name, NULL, 0, 0);
  closedir(handle);
  return 0;
}

static int pc_mkdir(const char *path, mode_t mode) { ALIVE(); WORK(dir, path); return RESULT(mkdir(dir, mode)); }
static int pc_rmdir(const char *path) { ALIVE(); WORK(dir, path); return RESULT(rmdir(dir)); }
static int pc_unlink(const char *path) { ALIVE(); WORK(file, path); return RESULT(unlink(file)); }
static int pc_chmod(const char *path, mode_t mode, struct fuse_file_info *fi) { (void)fi; ALIVE(); WORK(file, path); return RESULT(chmod(file, mode)); }
static int pc_chown(const char *path, uid_t uid, gid_t gid, struct fuse_file_info *fi) { (void)fi; ALIVE(); WORK(file, path); return RESULT(lchown(file, uid, gid)); }

static int pc_link(const char *from, const char *to) {
  ALIVE();
  WORK(source, from);
  WORK(target, to);
  return RESULT(link(source, target));
}

static int pc_rename(const char *from, const char *to, unsigned int flags) {
  ALIVE();
  if (flags) return -EINVAL;
  WORK(source, from);
  WORK(target, to);
  return RESULT(rename(source, target));
}

static int pc_truncate(const char *path, off_t size, struct fuse_file_info *fi) {
  ALIVE();
  if (is_control(path)) return 0;
  if (fi) return RESULT(ftruncate((int)fi->fh, size));
  WORK(file, path);
  return RESULT(truncate(file, size));
}

static int pc_utimens(const char *path, const struct timespec tv[2], struct fuse_file_info *fi) {
  ALIVE();
  if (fi) return RESULT(futimens((int)fi->fh, tv));
  WORK(file, path);
  return RESULT(utimensat(AT_FDCWD, file, tv, AT_SYMLINK_NOFOLLOW));
}

static int pc_open(const char *path, struct fuse_file_info *fi) {
  ALIVE();
  if (is_control(path)) { fi->fh = (uint64_t)-1; return 0; }
  WORK(file, path);
  int fd = open(file, fi->flags & ~O_CREAT);
  if (fd < 0) return -errno;
  fi->fh = (uint64_t)fd;
  return 0;
}

static int pc_create(const char *path, mode_t mode, struct fuse_file_info *fi) {
  ALIVE();
  WORK(file, path);
  struct stat st;
  int existed = lstat(file, &st) == 0;
  int fd = open(file, fi->flags | O_CREAT, mode);
  if (fd < 0) return -errno;
  if (!existed && fstat(fd, &st) == 0) new_id(st.st_ino);
  fi->fh = (uint64_t)fd;
  return 0;
}

static int pc_read(const char *path, char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
  (void)path;
  ALIVE();
  ssize_t got = pread((int)fi->fh, buf, size, offset);
  return got < 0 ? -errno : (int)got;
}

static int pc_write(const char *path, const char *buf, size_t size, off_t offset, struct fuse_file_info *fi) {
  ALIVE();
  if (is_control(path)) {
    cut = 1;
    return (int)size;
  }
  ssize_t put = pwrite((int)fi->fh, buf, size, offset);
  return put < 0 ? -errno : (int)put;
}

static int pc_statfs(const char *path, struct statvfs *st) {
  (void)path;
  ALIVE();
  return RESULT(statvfs(work_root, st));
}

static int pc_release(const char *path, struct fuse_file_info *fi) {
  (void)path;
  if (fi->fh != (uint64_t)-1) close((int)fi->fh);
  return 0;
}

static int pc_fsync(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)datasync;
  ALIVE();
  if (is_control(path)) return 0;
  sync_data((int)fi->fh);
  commit_namespace();
  return 0;
}

static int pc_fsyncdir(const char *path, int datasync, struct fuse_file_info *fi) {
  (void)path; (void)datasync; (void)fi;
  ALIVE();
  commit_namespace();
  return 0;
}

static const struct fuse_operations operations = {
  .init = pc_init,
  .getattr = pc_getattr,
  .readdir = pc_readdir,
  .mkdir = pc_mkdir,
  .rmdir = pc_rmdir,
  .unlink = pc_unlink,
  .link = pc_link,
  .rename = pc_rename,
  .chmod = pc_chmod,
  .chown = pc_chown,
  .truncate = pc_truncate,
  .utimens = pc_utimens,
  .open = pc_open,
  .create = pc_create,
  .read = pc_read,
  .write = pc_write,
  .statfs = pc_statfs,
  .release = pc_release,
  .fsync = pc_fsync,
  .fsyncdir = pc_fsyncdir,
};

int main(int argc, char *argv[]) {
  if (argc != 4) {
    fprintf(stderr, "usage: %s BACKING STATE MOUNTPOINT\n", argv[0]);
    return 2;
  }
  prctl(PR_SET_PDEATHSIG, SIGTERM); /* a test that dies takes its mount with it (fuse unmounts on SIGTERM) */
  if (!realpath(argv[1], backing_root)) die(argv[1]);
  char state[PATH_MAX];
  if (!realpath(argv[2], state)) die(argv[2]);
  pathf(work_root, "%s/work", state);
  pathf(store_root, "%s/store", state);
  if (mkdir(work_root, 0755) != 0 || mkdir(store_root, 0755) != 0) die("mkdir state");
  copy_tree("");
  char *args[] = { argv[0], "-f", "-s", argv[3], NULL };
  return fuse_main(4, args, &operations, NULL);
}
