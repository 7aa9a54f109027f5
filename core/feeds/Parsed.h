// core/feeds: Parsed, the result every source's payload parser returns -- a
// value or the reason there is none (the field and what was wrong with it).
// Plain values; parsers never throw and run on any thread.
#pragma once

#include <optional>
#include <utility>

#include <QString>

namespace wick {

// Why a payload was refused: the field (a path such as "data.p" or
// "[3][1]") and what was wrong with it.
struct ParseError {
    QString field;
    QString problem;

    QString toString() const
    {
        return field.isEmpty() ? problem : field + QStringLiteral(": ") + problem;
    }
};

// A parsed value or the reason there is none. Parsers never throw.
template<typename T>
class Parsed
{
public:
    Parsed(T value)
        : m_value(std::move(value))
    { }
    Parsed(ParseError error)
        : m_error(std::move(error))
    { }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const T &value() const & { return *m_value; }
    T &value() & { return *m_value; }
    T &&value() && { return std::move(*m_value); }
    // Empty when ok().
    ParseError error() const { return m_error.value_or(ParseError {}); }

private:
    std::optional<T> m_value;
    std::optional<ParseError> m_error;
};

}  // namespace wick
