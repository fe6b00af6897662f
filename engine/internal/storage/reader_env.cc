// Copyright: the Annals authors.
#include "internal/storage/reader_env.h"

namespace annals::internal {
namespace {

class NoThreadsEnv : public rocksdb::EnvWrapper {
 public:
  NoThreadsEnv() : rocksdb::EnvWrapper(rocksdb::Env::Default()) {}
  // A read-only database schedules no background work: the pools need not grow. A pool that a
  // writer in the same process grew stays as it is (this changes nothing for writers).
  void IncBackgroundThreadsIfNeeded(int /*number*/, Priority /*pri*/) override {}
};

}  // namespace

rocksdb::Env* ReaderEnv() {
  static NoThreadsEnv* env = new NoThreadsEnv();  // never destroyed: RocksDB may use it at exit
  return env;
}

}  // namespace annals::internal
