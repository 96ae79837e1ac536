#pragma once
// Private: how a typed attribute value is stored in an SQLite column (see
// sql/schema.sql): INTEGER for int, boolean and date; REAL for float (NaN and -0.0
// as their raw bits in an INTEGER, so they round-trip exactly); a name id for the
// text types.

#include <cmath>
#include <cstdint>

#include <journey/core/event_log.hpp>

#include "sqlite_utils.hpp"

namespace journey::store::detail {

inline bool is_text_type(AttrType t) noexcept {
    return t == AttrType::string || t == AttrType::id || t == AttrType::list;
}

inline bool valid_attr_type(std::int64_t t) noexcept { return t >= 0 && t <= 6; }

/// Binds a non-text value (raw as in AttrColumn) to parameter `i`.
inline void bind_number(Stmt& st, int i, AttrType type, std::int64_t raw) {
    if (type == AttrType::real) {
        const double v = attr_real(raw);
        if (std::isnan(v) || (v == 0.0 && std::signbit(v))) {
            st.bind(i, raw);
        } else {
            st.bind_double(i, v);
        }
        return;
    }
    st.bind(i, raw);
}

/// Reads a non-text value from column `col` back to its raw form.
inline std::int64_t column_number(const Stmt& st, int col, AttrType type) {
    if (type == AttrType::real) {
        if (st.type(col) == SQLITE_FLOAT) {
            return attr_raw(st.real(col));
        }
        if (st.type(col) == SQLITE_INTEGER) {
            return st.int64(col);
        }
        return attr_raw(0.0);
    }
    if (st.type(col) == SQLITE_FLOAT) {
        return static_cast<std::int64_t>(st.real(col));
    }
    return st.int64(col);
}

} // namespace journey::store::detail
