// Copyright: the Annals authors.
#include "internal/text/json_tree.h"

#include <cstring>

#include "absl/strings/str_cat.h"
#include "absl/strings/strip.h"
#if defined(__SSE2__)
#define RAPIDJSON_SSE2  // white space skipped and strings copied 16 bytes at a time
#endif
#include "rapidjson/error/en.h"
#include "rapidjson/reader.h"

namespace annals::internal {

// Receives the reader's events and appends one Value per JSON value.
class JsonTreeBuilder : public rapidjson::BaseReaderHandler<rapidjson::UTF8<>, JsonTreeBuilder> {
 public:
  JsonTreeBuilder(JsonTree* tree, const rapidjson::StringStream* stream)
      : tree_(tree), stream_(stream) {}

  bool Null() { return AddScalar(JsonTree::Type::kNull); }
  bool Bool(bool b) {
    AddScalar(JsonTree::Type::kBool);
    tree_->values_.back().boolean = b;
    return true;
  }
  bool RawNumber(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    return AddText(JsonTree::Type::kNumber, text, size);
  }
  bool String(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    return AddText(JsonTree::Type::kString, text, size);
  }
  bool StartObject() { return Open(JsonTree::Type::kObject); }
  bool StartArray() { return Open(JsonTree::Type::kArray); }
  bool EndObject(rapidjson::SizeType /*members*/) { return Close(); }
  bool EndArray(rapidjson::SizeType /*elements*/) { return Close(); }
  bool Key(const char* text, rapidjson::SizeType size, bool /*copy*/) {
    Open_& object = open_.back();
    object.key_pending = true;
    object.key_begin = Store(text, size);
    object.key_size = size;
    // The key's opening quote is the first quote after the previous event: only white space, a
    // comma or the object's `{` lie between.
    object.key_offset = static_cast<uint32_t>(tree_->buffer_.find('"', last_end_));
    last_end_ = stream_->Tell();
    return true;
  }

  // Where the reader is, for an error: the members and elements being read, outermost first,
  // as `attrs.k` or `actors[1].name`; "" at the top level.
  std::string Path() const {
    std::string path;
    for (const Open_& open : open_) {
      if (tree_->values_[open.index].type == JsonTree::Type::kArray) {
        absl::StrAppend(&path, "[", open.count, "]");
      } else if (open.key_pending) {
        absl::StrAppend(&path, path.empty() ? "" : ".",
                        absl::string_view(tree_->arena_).substr(open.key_begin, open.key_size));
      } else {
        break;
      }
    }
    return path;
  }

 private:
  // A container being filled: its index, its last child so far, how many children it has, and
  // (objects) the key of the member being read (pending: its value is not read yet).
  struct Open_ {
    uint32_t index;
    uint32_t last = JsonTree::kNone;
    uint32_t count = 0;
    bool key_pending = false;
    uint32_t key_begin = 0, key_size = 0;  // in the tree's arena
    uint32_t key_offset = 0;               // of its opening quote in the input
  };

  bool Add(JsonTree::Type type) {
    std::vector<JsonTree::Value>& values = tree_->values_;
    const auto index = static_cast<uint32_t>(values.size());
    JsonTree::Value& v = values.emplace_back();
    v.type = type;
    if (!open_.empty()) {
      Open_& parent = open_.back();
      if (values[parent.index].type == JsonTree::Type::kObject) {
        v.key_begin = parent.key_begin;
        v.key_size = parent.key_size;
        v.key_offset = parent.key_offset;
      }
      if (parent.last == JsonTree::kNone) {
        values[parent.index].first = index;
      } else {
        values[parent.last].next = index;
      }
      parent.last = index;
    }
    last_end_ = stream_->Tell();
    return true;
  }

  // A scalar: one more element or member of its container.
  bool AddScalar(JsonTree::Type type) {
    Add(type);
    Done();
    return true;
  }

  // The member or element being read is complete.
  void Done() {
    if (open_.empty()) return;
    open_.back().key_pending = false;
    ++open_.back().count;
  }

  bool AddText(JsonTree::Type type, const char* text, rapidjson::SizeType size) {
    const uint32_t begin = Store(text, size);
    AddScalar(type);
    tree_->values_.back().text_begin = begin;
    tree_->values_.back().text_size = size;
    return true;
  }

  bool Open(JsonTree::Type type) {
    Add(type);
    open_.emplace_back().index = static_cast<uint32_t>(tree_->values_.size() - 1);
    return true;
  }

  bool Close() {
    open_.pop_back();
    Done();
    last_end_ = stream_->Tell();
    return true;
  }

  uint32_t Store(const char* text, size_t size) {
    const auto begin = static_cast<uint32_t>(tree_->arena_.size());
    tree_->arena_.append(text, size);
    return begin;
  }

  JsonTree* tree_;
  const rapidjson::StringStream* stream_;
  std::vector<Open_> open_;
  size_t last_end_ = 0;  // the input's offset after the last event
};

absl::Status JsonTree::Parse(std::string_view json) {
  values_.clear();
  arena_.clear();
  // std::string ends in NUL: the reader's end. The SSE2 scans load aligned 16-byte blocks, up to
  // 15 bytes past the NUL: those stay inside the allocation.
  buffer_.reserve(json.size() + 16);
  buffer_.assign(json.data(), json.size());
  if (const void* nul = std::memchr(json.data(), '\0', json.size())) {
    const size_t offset = static_cast<const char*>(nul) - json.data();
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at byte ", offset + 1, ": a NUL byte"));
  }
  rapidjson::StringStream stream(buffer_.c_str());
  JsonTreeBuilder builder(this, &stream);
  rapidjson::Reader reader;
  constexpr unsigned kFlags =
      rapidjson::kParseIterativeFlag | rapidjson::kParseNumbersAsStringsFlag;
  error_path_.clear();
  if (reader.Parse<kFlags>(stream, builder).IsError()) {
    absl::string_view message = rapidjson::GetParseError_En(reader.GetParseErrorCode());
    absl::ConsumeSuffix(&message, ".");
    error_path_ = builder.Path();
    return absl::InvalidArgumentError(
        absl::StrCat("invalid JSON at byte ", reader.GetErrorOffset() + 1, ": ", message));
  }
  return absl::OkStatus();
}

}  // namespace annals::internal
