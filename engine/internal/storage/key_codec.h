// Copyright: the Annals authors.
//
// Order-preserving key codec: plain bytewise (memcmp) order of encoded keys
// equals the logical order of the encoded tuples, so every column family uses
// RocksDB's default bytewise comparator.
//
// Field encodings. On-disk format: do not change.
//   u8      1 byte.
//   u32     4 bytes big-endian.
//   u64     8 bytes big-endian.
//   i64     8 bytes big-endian of the value with its sign bit flipped:
//             INT64_MIN  00 00 00 00 00 00 00 00
//             -1         7F FF FF FF FF FF FF FF
//             0          80 00 00 00 00 00 00 00
//             INT64_MAX  FF FF FF FF FF FF FF FF
//   string  the bytes with each 00 written as 00 FF, then the terminator 00 01:
//             ""         00 01
//             "a\0b"     61 00 FF 62 00 01
//           Encoded strings are prefix-free, so a string may be followed by
//           further fields and tuples still compare field by field.
//
// Index key tuples. On-disk format: do not change. Which family holds which
// tuple, and every value, is format.h's grammar: code outside the storage
// layer calls format.h, not these.
//   with prefix     [u32 prefix][u8 span class][i64 order time][u64 event]  21 B
//   without prefix  [u8 span class][i64 order time][u64 event]              17 B
//
//   IndexKey k{.prefix = 7, .span_class = 2, .time = t, .event_number = 42};
//   std::string key = EncodeIndexKey(/*has_prefix=*/true, k);  // 21 bytes
//   IndexKey back;
//   DecodeIndexKey(key, /*has_prefix=*/true, &back);  // true; back == k
//
// Encoders only append to `dst`. Decoders read from the front of their input
// and never past its end; on truncated or malformed input they return false
// and leave their outputs unspecified.
//
// Thread safety: every function here is pure and safe to call from any thread.
#ifndef ANNALS_INTERNAL_STORAGE_KEY_CODEC_H_
#define ANNALS_INTERNAL_STORAGE_KEY_CODEC_H_

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>

namespace annals::internal {

inline constexpr size_t kPrefixedIndexKeySize = 21;
inline constexpr size_t kUnprefixedIndexKeySize = 17;

void PutU8(std::string* dst, uint8_t v);
void PutU32(std::string* dst, uint32_t v);
void PutU64(std::string* dst, uint64_t v);
void PutI64(std::string* dst, int64_t v);
void PutString(std::string* dst, std::string_view s);

// Each consumes its field from the front of `*in`. Returns false if `*in` is
// too short.
bool GetU8(std::string_view* in, uint8_t* v);
bool GetU32(std::string_view* in, uint32_t* v);
bool GetU64(std::string_view* in, uint64_t* v);
bool GetI64(std::string_view* in, int64_t* v);
// Replaces `*s` with the decoded string. Returns false if the terminator is
// missing or a 00 byte is followed by anything but FF (escaped 00) or 01
// (terminator).
bool GetString(std::string_view* in, std::string* s);

// Varints, LEB128: 7 bits a byte, low first, the high bit set on every byte but the last. T is uint32_t
// or uint64_t; a varint holding more bits than T is malformed.
template <typename T>
void PutVarint(std::string* out, T v) {
  while (v >= 0x80) {
    out->push_back(static_cast<char>((v & 0x7f) | 0x80));
    v >>= 7;
  }
  out->push_back(static_cast<char>(v));
}

template <typename T>
bool GetVarint(std::string_view* in, T* v) {
  constexpr int kBits = sizeof(T) * 8;
  T result = 0;
  for (int shift = 0; shift < kBits && !in->empty(); shift += 7) {
    const uint8_t byte = static_cast<uint8_t>(in->front());
    in->remove_prefix(1);
    if (shift + 7 > kBits && ((byte & 0x7f) >> (kBits - shift)) != 0) return false;
    result |= static_cast<T>(byte & 0x7f) << shift;
    if ((byte & 0x80) == 0) {
      *v = result;
      return true;
    }
  }
  return false;
}

// One entry of by_actor / by_type (has_prefix: `prefix` is the actor or type
// number) or of by_time (no prefix: `prefix` is neither encoded nor decoded,
// and decodes as 0).
struct IndexKey {
  uint32_t prefix = 0;
  uint8_t span_class = 0;
  int64_t time = 0;
  uint64_t event_number = 0;

  friend bool operator==(const IndexKey&, const IndexKey&) = default;
};

std::string EncodeIndexKey(bool has_prefix, const IndexKey& k);
// Returns false unless `key` is exactly one index key of the given shape (no
// trailing bytes).
bool DecodeIndexKey(std::string_view key, bool has_prefix, IndexKey* out);
// The smallest key of (prefix, span_class, time), i.e. the key with event
// number 0: a seek target and an inclusive lower / exclusive upper bound.
// `prefix` is ignored without has_prefix.
std::string IndexSeekKey(bool has_prefix, uint32_t prefix, uint8_t span_class, int64_t time);

}  // namespace annals::internal

#endif  // ANNALS_INTERNAL_STORAGE_KEY_CODEC_H_
