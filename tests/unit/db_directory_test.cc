// Copyright: the Annals authors.
//
// db_directory: which directories Database::Open may hand to RocksDB, and that a refused one is
// left byte-identical (regression: RocksDB renamed a user's LOG and deleted their OPTIONS-000005).
#include "internal/storage/db_directory.h"

#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>

#include "annals/database.h"
#include "gmock/gmock.h"
#include "gtest/gtest.h"
#include "testing/status_matchers.h"
#include "testing/temp_dir.h"

namespace annals {
namespace {

namespace fs = std::filesystem;
using ::annals::testing::IsOk;
using ::annals::testing::StatusIs;
using ::annals::testing::TempDir;
using internal::DirectoryKind;
using ::testing::HasSubstr;

void Write(const std::string& path, const std::string& bytes) {
  std::ofstream(path, std::ios::binary) << bytes;
}

// Every file's name and bytes.
std::map<std::string, std::string> Snapshot(const std::string& dir) {
  std::map<std::string, std::string> files;
  for (const auto& entry : fs::directory_iterator(dir)) {
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream bytes;
    bytes << in.rdbuf();
    files[entry.path().filename().string()] = bytes.str();
  }
  return files;
}

TEST(DbDirectoryTest, Kinds) {
  TempDir tmp;
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("missing")), DirectoryKind::kMissing);
  fs::create_directory(tmp.Sub("empty"));
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("empty")), DirectoryKind::kEmpty);
  Write(tmp.Sub("file"), "x");
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("file")), DirectoryKind::kForeign);
  fs::create_directory(tmp.Sub("partial"));
  Write(tmp.Sub("partial/MANIFEST-000001"), "");
  Write(tmp.Sub("partial/LOCK"), "");
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("partial")), DirectoryKind::kPartial);
  Write(tmp.Sub("partial/CURRENT"), "MANIFEST-000001\n");
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("partial")), DirectoryKind::kDatabase);
  Write(tmp.Sub("partial/CURRENT"), "MANIFEST-0000x9\n");  // not a MANIFEST name
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("partial")), DirectoryKind::kPartial);
  EXPECT_THAT(internal::CheckDatabaseDirectory(tmp.Sub("partial")),
              StatusIs(absl::StatusCode::kDataLoss, HasSubstr("CURRENT")));
  fs::create_directory(tmp.Sub("options"));
  Write(tmp.Sub("options/LOG"), "mine");
  Write(tmp.Sub("options/OPTIONS-000005"), "mine");
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("options")), DirectoryKind::kForeign);
}

TEST(DbDirectoryTest, ForeignDirectoryIsRefusedAndUntouched) {
  TempDir tmp;
  const std::string dir = tmp.Sub("mine");
  fs::create_directory(dir);
  Write(dir + "/notes.txt", "my notes\n");
  Write(dir + "/LOG", "my own log\n");
  Write(dir + "/OPTIONS-000005", "not RocksDB's\n");
  for (const char* current : {"", "garbage\n"}) {
    if (*current != '\0') Write(dir + "/CURRENT", current);
    const auto before = Snapshot(dir);
    Options options;
    options.create_if_missing = true;
    EXPECT_THAT(
        Database::Open(dir, options).status(),
        StatusIs(absl::StatusCode::kFailedPrecondition, HasSubstr("is not an Annals database")));
    options.read_only = true;
    EXPECT_THAT(Database::Open(dir, options).status(),
                StatusIs(absl::StatusCode::kFailedPrecondition, ::testing::_));
    EXPECT_EQ(Snapshot(dir), before);
  }
}

TEST(DbDirectoryTest, DatabaseOpensAgain) {
  TempDir tmp;
  Options options;
  options.create_if_missing = true;
  ASSERT_THAT(Database::Open(tmp.Sub("db"), options).status(), IsOk());
  EXPECT_EQ(internal::ClassifyDirectory(tmp.Sub("db")), DirectoryKind::kDatabase);
  EXPECT_FALSE(fs::exists(tmp.Sub("db/LOG")));  // Annals keeps no RocksDB info log
  ASSERT_THAT(Database::Open(tmp.Sub("db"), options).status(), IsOk());
}

TEST(DbDirectoryTest, BackupDestination) {
  TempDir tmp;
  const std::string db = tmp.Sub("db");
  fs::create_directory(db);
  EXPECT_THAT(internal::CheckBackupDestination(db, tmp.Sub("bk")), IsOk());
  EXPECT_THAT(internal::CheckBackupDestination(db, db),
              StatusIs(absl::StatusCode::kAlreadyExists, ::testing::_));
  EXPECT_THAT(internal::CheckBackupDestination(db, tmp.Sub("no/such/dir")),
              StatusIs(absl::StatusCode::kNotFound, HasSubstr("does not exist")));
  EXPECT_THAT(internal::CheckBackupDestination(db, db + "/inside"),
              StatusIs(absl::StatusCode::kInvalidArgument, HasSubstr("inside the database")));
  EXPECT_THAT(internal::CheckBackupDestination(db + "/", db + "/./x/../inside"),
              StatusIs(absl::StatusCode::kInvalidArgument, ::testing::_));
}

}  // namespace
}  // namespace annals
