#pragma once
// Internal: what every renderer does with the bytes it made: the format from the
// file name, reproducible PDF bytes, and the file itself.

#include <string>
#include <string_view>

namespace journey::render::detail {

// The extension of `path` (what follows the last '.' of its file name) in lower
// case. Throws usage_error "<path>: no file extension to tell the <kind> format
// (use <choices>)" when the file name has none.
std::string lower_extension(const std::string& path, std::string_view kind,
                            std::string_view choices);

// PDF bytes made reproducible: the creation and modification dates, the producer
// and the creator (cairo's and Graphviz's versions) in the document information
// dictionary are overwritten with spaces, so every byte offset (the xref table)
// stays valid.
void blank_pdf_info(std::string& pdf);

// Writes `bytes` to the file `path` (created or truncated). Throws io_error when
// the file cannot be opened or written.
void write_file(const std::string& path, const std::string& bytes);

} // namespace journey::render::detail
