// Copyright: the Annals authors.
//
// annals-layout-probe: what two record layouts that the engine does not use would cost on disk and
// give to queries by actor, measured on a database this engine wrote (docs/performance.md, issue
// #13, eighth round). It reads the database's families directly and writes scratch RocksDB
// databases; it changes nothing in DB.
//
//   annals-layout-probe records  DB OUT ENCODING   `events` re-encoded, with `events`' table
//                                                   options (4 KiB LZ4 blocks, a dictionary)
//   annals-layout-probe covering DB OUT ENCODING   every by_actor entry with its record appended
//                                                   ("covering": a query by actor fetches no
//                                                   record), with by_actor's table options
//   annals-layout-probe scan     DB OUT ENCODING   for up to 200 actors of 500-5,000 entries: CPU
//                                                   per result of the engine's query of the actor
//                                                   (no window) against a scan of OUT (a covering
//                                                   database) that decodes every record
//
// ENCODING: capnp (Cap'n Proto's flat unpacked words: the engine's records before format 5), packed
// (Cap'n Proto's packed encoding: as the engine stores them since format 5), compact (the same fields as varints and length-prefixed strings: a proposal, read by this
// tool only). Both build commands print bytes per event of OUT's table files after a full
// compaction. Both take two more numbers: a block size and the bytes of a ZSTD dictionary for the
// bottom level (0 0: the family's options; for `records`, a dictionary also means ZSTD instead of
// LZ4 at the bottom level).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "annals/annals.h"
#include "bench/run_result.h"
#include "capnp/serialize-packed.h"
#include "capnp/serialize.h"
#include "internal/storage/format.h"
#include "internal/storage/key_codec.h"
#include "internal/storage/record_codec.h"
#include "kj/io.h"
#include "rocksdb/db.h"
#include "rocksdb/table.h"

namespace annals_bench {
namespace {

using annals::internal::ColumnFamily;

constexpr char kUsage[] =
    "usage: annals-layout-probe records|covering|scan DB OUT capnp|packed|compact\n"
    "                           [BLOCK_BYTES DICT_BYTES]   (block size, ZSTD dictionary)\n";

enum class Encoding { kCapnp, kPacked, kCompact };

[[noreturn]] void Fail(const std::string& message) {
  std::fprintf(stderr, "annals-layout-probe: error: %s\n", message.c_str());
  std::exit(1);
}

void Check(const rocksdb::Status& s) {
  if (!s.ok()) Fail(s.ToString());
}

// ---- encodings ----

void PutVarint(std::string* out, uint64_t v) { annals::internal::PutVarint<uint64_t>(out, v); }
uint64_t GetVarint(std::string_view* in) {
  uint64_t v = 0;
  if (!annals::internal::GetVarint<uint64_t>(in, &v)) Fail("bad varint");
  return v;
}
uint64_t ZigZag(int64_t v) {
  return (static_cast<uint64_t>(v) << 1) ^ static_cast<uint64_t>(v >> 63);
}
int64_t UnZigZag(uint64_t v) { return static_cast<int64_t>(v >> 1) ^ -static_cast<int64_t>(v & 1); }
void PutString(std::string* out, const std::string& s) {
  PutVarint(out, s.size());
  out->append(s);
}
void GetString(std::string_view* in, std::string* s) {
  const uint64_t n = GetVarint(in);
  if (n > in->size()) Fail("truncated string");
  s->assign(in->data(), n);
  in->remove_prefix(n);
}

// The compact encoding holds what a record holds, sized as the engine would store it: the two
// ends of the time and the recorded date as varints plus 3 bytes of precision and qualifiers each,
// dictionary numbers as varints, the 16-byte content hash. Times are kept as start and length.
std::string EncodeCompact(const annals::Event& e, uint32_t type_number) {
  std::string out;
  PutString(&out, e.id);
  PutVarint(&out, ZigZag(e.time.start_us()));
  PutVarint(&out, ZigZag(e.time.end_us() - e.time.start_us()));
  out.append(6, '\x01');
  PutString(&out, e.type);
  PutVarint(&out, type_number);
  PutString(&out, e.title);
  PutVarint(&out, e.actors.size());
  for (const annals::Actor& a : e.actors) {
    PutString(&out, a.name);
    PutString(&out, a.role);
    PutVarint(&out, 50'000);                  // actor number (the 1M timeline has ~50,000)
    PutVarint(&out, a.role.empty() ? 0 : 3);  // role number
  }
  PutString(&out, e.location);
  PutString(&out, e.source);
  PutVarint(&out, ZigZag(e.recorded ? e.recorded->start_us : 0));
  out.append(3, '\x01');
  PutVarint(&out, ZigZag(e.ingested_us));
  PutVarint(&out, e.attrs.size());
  for (const annals::Attr& a : e.attrs) {
    PutString(&out, a.key);
    out.push_back(static_cast<char>(a.kind));
    PutString(&out, a.value);
  }
  out.append(16, '\x5a');  // content hash
  return out;
}

// Decodes what a query returns (the numbers and the hash are skipped).
void DecodeCompact(std::string_view in, annals::Event* e, int64_t* checksum) {
  GetString(&in, &e->id);
  *checksum += UnZigZag(GetVarint(&in)) + UnZigZag(GetVarint(&in));
  in.remove_prefix(6);
  GetString(&in, &e->type);
  GetVarint(&in);
  GetString(&in, &e->title);
  e->actors.resize(GetVarint(&in));
  for (annals::Actor& a : e->actors) {
    GetString(&in, &a.name);
    GetString(&in, &a.role);
    GetVarint(&in);
    GetVarint(&in);
  }
  GetString(&in, &e->location);
  GetString(&in, &e->source);
  *checksum += UnZigZag(GetVarint(&in));
  in.remove_prefix(3);
  e->ingested_us = UnZigZag(GetVarint(&in));
  e->attrs.resize(GetVarint(&in));
  for (annals::Attr& a : e->attrs) {
    GetString(&in, &a.key);
    a.kind = static_cast<annals::Attr::Kind>(in.front());
    in.remove_prefix(1);
    GetString(&in, &a.value);
  }
  if (in.size() != 16) Fail("bad compact record");
}

// Records are stored packed (format 5); `capnp` is their unpacked flat form.
std::string EncodeUnpacked(std::string_view record) {
  kj::ArrayInputStream in(
      kj::arrayPtr(reinterpret_cast<const kj::byte*>(record.data()), record.size()));
  capnp::PackedMessageReader reader(in);
  capnp::MallocMessageBuilder copy;
  copy.setRoot(reader.getRoot<capnp::AnyPointer>());
  kj::Array<capnp::word> words = capnp::messageToFlatArray(copy);
  const kj::ArrayPtr<const char> chars = words.asChars();
  return std::string(chars.begin(), chars.size());
}

std::string Reencode(std::string_view record, Encoding encoding) {
  switch (encoding) {
    case Encoding::kCapnp:
      return EncodeUnpacked(record);
    case Encoding::kPacked:
      return std::string(record);
    case Encoding::kCompact: {
      annals::Event e;
      uint32_t type = 0;
      if (!annals::internal::DecodeRecordInto(record, &e, &type).ok()) Fail("bad record");
      return EncodeCompact(e, type);
    }
  }
  return {};
}

// ---- databases ----

struct Source {
  std::unique_ptr<rocksdb::DB> db;
  std::vector<rocksdb::ColumnFamilyHandle*> families;  // by ColumnFamily
  ~Source() {
    for (rocksdb::ColumnFamilyHandle* h : families) db->DestroyColumnFamilyHandle(h);
  }
  rocksdb::ColumnFamilyHandle* cf(ColumnFamily f) const { return families[f]; }
};

void OpenSource(const std::string& path, Source* source) {
  std::vector<rocksdb::ColumnFamilyDescriptor> cfs;
  for (const char* name : annals::internal::kColumnFamilyNames) {
    cfs.emplace_back(name, rocksdb::ColumnFamilyOptions());
  }
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::OpenForReadOnly({}, path, cfs, &source->families, &db));
  source->db.reset(db);
}

// Changes to by_actor's table options for covering entries (0: by_actor's).
struct CoveringLayout {
  uint32_t block_bytes = 0;
  uint32_t dict_bytes = 0;
};

// `records`: events' options (engine/internal/storage/store.cc); else by_actor's, with `layout`.
std::unique_ptr<rocksdb::DB> OpenOutput(const std::string& path, bool records,
                                        const CoveringLayout& layout = {}) {
  rocksdb::BlockBasedTableOptions table;
  table.format_version = 5;
  table.block_cache = rocksdb::NewLRUCache(64 << 20);
  table.cache_index_and_filter_blocks = true;
  table.index_type = rocksdb::BlockBasedTableOptions::kTwoLevelIndexSearch;
  table.pin_top_level_index_and_filter = true;
  table.enable_index_compression = false;
  rocksdb::Options options;
  options.create_if_missing = true;
  options.compression = rocksdb::kLZ4Compression;
  options.bottommost_compression = rocksdb::kZSTD;
  if (records) {
    table.data_block_index_type = rocksdb::BlockBasedTableOptions::kDataBlockBinaryAndHash;
    table.block_size = 4 << 10;
    options.compression_opts.max_dict_bytes = 16 << 10;
    options.compression_opts.max_dict_buffer_bytes = 8 << 20;
    options.bottommost_compression = rocksdb::kLZ4Compression;
    options.bottommost_compression_opts = options.compression_opts;
    options.bottommost_compression_opts.enabled = true;
  }
  if (layout.block_bytes != 0) table.block_size = layout.block_bytes;
  if (records && layout.dict_bytes != 0) options.bottommost_compression = rocksdb::kZSTD;
  if (layout.dict_bytes != 0) {
    // A ZSTD dictionary trained on a sample 100 times its size, per bottom-level table.
    options.bottommost_compression_opts.max_dict_bytes = layout.dict_bytes;
    options.bottommost_compression_opts.zstd_max_train_bytes = 100 * layout.dict_bytes;
    options.bottommost_compression_opts.enabled = true;
  }
  options.table_factory.reset(rocksdb::NewBlockBasedTableFactory(table));
  options.level_compaction_dynamic_level_bytes = true;
  options.write_buffer_size = 64 << 20;
  rocksdb::DB* db = nullptr;
  Check(rocksdb::DB::Open(options, path, &db));
  return std::unique_ptr<rocksdb::DB>(db);
}

void CompactAndReport(rocksdb::DB* out, const std::string& path, uint64_t events) {
  Check(out->Flush({}));
  rocksdb::CompactRangeOptions compact;
  compact.bottommost_level_compaction = rocksdb::BottommostLevelCompaction::kForce;
  Check(out->CompactRange(compact, nullptr, nullptr));
  uint64_t bytes = 0;
  std::vector<rocksdb::LiveFileMetaData> files;
  out->GetLiveFilesMetaData(&files);
  for (const rocksdb::LiveFileMetaData& f : files) bytes += f.size;
  std::printf("%s: %.1f bytes per event (%llu bytes of tables, %llu events)\n", path.c_str(),
              static_cast<double>(bytes) / static_cast<double>(events),
              static_cast<unsigned long long>(bytes), static_cast<unsigned long long>(events));
}

uint64_t EventCount(const Source& source) {
  std::string value;
  uint64_t n = 0;
  Check(source.db->Get({}, source.cf(annals::internal::kDefaultCf),
                       std::string(annals::internal::kMetaEventCount), &value));
  if (!annals::internal::DecodeMeta(value, &n)) Fail("bad event count");
  return n;
}

void BuildRecords(const Source& source, const std::string& out_path, Encoding encoding,
                  const CoveringLayout& layout) {
  std::unique_ptr<rocksdb::DB> out = OpenOutput(out_path, /*records=*/true, layout);
  std::unique_ptr<rocksdb::Iterator> it(
      source.db->NewIterator({}, source.cf(annals::internal::kEventsCf)));
  rocksdb::WriteOptions unlogged;
  unlogged.disableWAL = true;
  rocksdb::WriteBatch batch;
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    Check(batch.Put(it->key(), Reencode(it->value().ToStringView(), encoding)));
    if (batch.Count() == 1024) {
      Check(out->Write(unlogged, &batch));
      batch.Clear();
    }
  }
  Check(it->status());
  Check(out->Write(unlogged, &batch));
  CompactAndReport(out.get(), out_path, EventCount(source));
}

// Covering value: u32 length of the by_actor value, the value, the record.
void BuildCovering(const Source& source, const std::string& out_path, Encoding encoding,
                   const CoveringLayout& layout) {
  using annals::internal::kByActorCf;
  std::unique_ptr<rocksdb::DB> out = OpenOutput(out_path, /*records=*/false, layout);
  std::unique_ptr<rocksdb::Iterator> it(source.db->NewIterator({}, source.cf(kByActorCf)));
  std::vector<std::string> keys, values, record_keys;
  rocksdb::WriteOptions unlogged;
  unlogged.disableWAL = true;
  auto flush = [&] {
    std::vector<rocksdb::Slice> slices(record_keys.begin(), record_keys.end());
    std::vector<rocksdb::PinnableSlice> records(slices.size());
    std::vector<rocksdb::Status> statuses(slices.size());
    source.db->MultiGet({}, source.cf(annals::internal::kEventsCf), slices.size(), slices.data(),
                        records.data(), statuses.data());
    rocksdb::WriteBatch batch;
    for (size_t i = 0; i < slices.size(); ++i) {
      Check(statuses[i]);
      std::string v;
      annals::internal::PutU32(&v, static_cast<uint32_t>(values[i].size()));
      v += values[i];
      v += Reencode(records[i].ToStringView(), encoding);
      Check(batch.Put(keys[i], v));
    }
    Check(out->Write(unlogged, &batch));
    keys.clear();
    values.clear();
    record_keys.clear();
  };
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    annals::internal::IndexEntry e;
    if (!annals::internal::DecodeIndexEntry(kByActorCf, it->key().ToStringView(),
                                            it->value().ToStringView(), &e)) {
      Fail("bad by_actor entry");
    }
    keys.push_back(it->key().ToString());
    // Without the engine's own copy of the event (format 5): the probe appends its encoding.
    values.push_back(it->value().ToString().substr(0, it->value().size() - e.covering.size()));
    record_keys.push_back(annals::internal::EncodeEventKey(e.event_number));
    if (keys.size() == 1024) flush();
  }
  Check(it->status());
  flush();
  CompactAndReport(out.get(), out_path, EventCount(source));
}

void Scan(const std::string& db_path, const std::string& covering_path, Encoding encoding) {
  std::vector<std::pair<std::string, std::string>> actors;  // (by_actor prefix, display name)
  {
    Source source;
    OpenSource(db_path, &source);
    std::unique_ptr<rocksdb::Iterator> it(
        source.db->NewIterator({}, source.cf(annals::internal::kByActorCf)));
    std::string prefix;
    uint64_t entries = 0;
    auto take = [&] {
      if (entries < 500 || entries > 5000) return;
      std::string name;
      Check(source.db->Get({}, source.cf(annals::internal::kDictCf), "A" + prefix, &name));
      actors.emplace_back(prefix, name.substr(10));  // u64 count, u16 classes, display name
    };
    for (it->SeekToFirst(); it->Valid(); it->Next()) {
      const std::string_view key = it->key().ToStringView();
      if (key.substr(0, 4) != prefix) {
        take();
        prefix = std::string(key.substr(0, 4));
        entries = 0;
      }
      ++entries;
    }
    take();
  }
  if (actors.size() > 200) {  // every k-th, deterministic
    std::vector<std::pair<std::string, std::string>> some;
    for (size_t i = 0; i < 200; ++i) some.push_back(actors[i * actors.size() / 200]);
    actors = std::move(some);
  }
  annals::Options read_only;
  read_only.read_only = true;
  absl::StatusOr<std::unique_ptr<annals::Database>> db = annals::Database::Open(db_path, read_only);
  if (!db.ok()) Fail(db.status().ToString());
  if (!std::filesystem::exists(covering_path + "/CURRENT")) {
    Fail("no covering database at " + covering_path + " (run the covering command first)");
  }
  std::unique_ptr<rocksdb::DB> covering = OpenOutput(covering_path, /*records=*/false);

  int64_t engine_ns = 0, scan_ns = 0, checksum = 0;
  uint64_t results = 0;
  annals::Event event;
  for (const auto& [prefix, name] : actors) {
    const int64_t t0 = ThreadCpuNs();
    annals::Query q;
    q.all_actors = {name};
    absl::StatusOr<std::unique_ptr<annals::Cursor>> cursor = (*db)->Query(q);
    if (!cursor.ok()) Fail(cursor.status().ToString());
    uint64_t engine_results = 0;
    while ((*cursor)->Next()) ++engine_results;
    if (!(*cursor)->status().ok()) Fail((*cursor)->status().ToString());
    const int64_t t1 = ThreadCpuNs();
    uint64_t scanned = 0;
    std::unique_ptr<rocksdb::Iterator> it(covering->NewIterator({}));
    for (it->Seek(prefix); it->Valid() && it->key().starts_with(prefix); it->Next()) {
      std::string_view v = it->value().ToStringView();
      uint32_t index_value_bytes = 0;
      if (!annals::internal::GetU32(&v, &index_value_bytes)) Fail("bad covering entry");
      v.remove_prefix(index_value_bytes);
      if (encoding == Encoding::kCompact) {
        DecodeCompact(v, &event, &checksum);
      } else {
        uint32_t type = 0;
        if (!annals::internal::DecodeRecordInto(v, &event, &type).ok()) Fail("bad record");
      }
      ++scanned;
    }
    Check(it->status());
    const int64_t t2 = ThreadCpuNs();
    if (scanned != engine_results) Fail("result counts differ for " + name);
    engine_ns += t1 - t0;
    scan_ns += t2 - t1;
    results += scanned;
  }
  const double n = static_cast<double>(std::max<uint64_t>(results, 1));
  std::printf("%zu actors, %llu results (checksum %lld)\n", actors.size(),
              static_cast<unsigned long long>(results), static_cast<long long>(checksum));
  std::printf("engine query:  %8.1f ms CPU, %.2f us per result\n", engine_ns / 1e6,
              engine_ns / n / 1e3);
  std::printf("covering scan: %8.1f ms CPU, %.2f us per result (%.2f x the engine)\n",
              scan_ns / 1e6, scan_ns / n / 1e3, static_cast<double>(scan_ns) / engine_ns);
}

int Run(int argc, char** argv) {
  if (argc != 5 && argc != 7) {
    std::fputs(kUsage, stderr);
    return 2;
  }
  CoveringLayout layout;
  if (argc == 7) {
    layout.block_bytes = static_cast<uint32_t>(std::strtoul(argv[5], nullptr, 10));
    layout.dict_bytes = static_cast<uint32_t>(std::strtoul(argv[6], nullptr, 10));
  }
  const std::string command = argv[1], encoding_name = argv[4];
  Encoding encoding;
  if (encoding_name == "capnp") {
    encoding = Encoding::kCapnp;
  } else if (encoding_name == "packed") {
    encoding = Encoding::kPacked;
  } else if (encoding_name == "compact") {
    encoding = Encoding::kCompact;
  } else {
    std::fputs(kUsage, stderr);
    return 2;
  }
  if (command == "scan") {
    if (encoding == Encoding::kPacked) Fail("scan reads capnp or compact covering databases");
    Scan(argv[2], argv[3], encoding);
    return 0;
  }
  if (command != "records" && command != "covering") {
    std::fputs(kUsage, stderr);
    return 2;
  }
  Source source;
  OpenSource(argv[2], &source);
  if (command == "records") {
    BuildRecords(source, argv[3], encoding, layout);
  } else {
    BuildCovering(source, argv[3], encoding, layout);
  }
  return 0;
}

}  // namespace
}  // namespace annals_bench

int main(int argc, char** argv) { return annals_bench::Run(argc, argv); }
