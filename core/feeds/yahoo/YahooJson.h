// Internal to core/feeds/yahoo: the Qt JSON helpers its parsers share.
// Include from .cpp files only. Pure functions, any thread.
#pragma once

#include <QByteArrayView>
#include <QJsonArray>
#include <QJsonObject>
#include <QJsonValue>
#include <QString>

#include "feeds/Parsed.h"
#include "model/Types.h"

namespace wick::yahoo_json {

// The body as a JSON object, or why not ("malformed JSON: ...", "not an object").
bool parseObject(QByteArrayView body, QJsonObject &out, ParseError &error);

// A number field: NaN when absent or null; false + error when of another type.
bool readNumber(
    const QJsonObject &o, const QString &at, const char *key, double &out, ParseError &error);
// A string field ("" when absent or null); false + error when of another type.
bool readString(
    const QJsonObject &o, const QString &at, const char *key, QString &out, ParseError &error);
// Unix seconds (a number) as ms; 0 when absent; false + error when not a whole number.
bool readSeconds(
    const QJsonObject &o, const QString &at, const char *key, TimeMs &out, ParseError &error);

// A UTC offset in seconds (0 when absent); false + error when not whole or
// beyond +-18 h.
bool readUtcOffset(
    const QJsonObject &o, const QString &at, const char *key, int &out, ParseError &error);

QString typeName(const QJsonValue &value);
ParseError wrongType(const QString &at, const char *expected, const QJsonValue &value);
QString indexed(const QString &at, qsizetype index);
QString field(const QString &at, const char *key);

}  // namespace wick::yahoo_json
