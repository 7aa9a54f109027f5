#include "net/HttpResponse.h"

namespace wick {

namespace {

std::optional<HttpResponse> fail(QString *error, const QString &why)
{
    if (error)
        *error = why;
    return std::nullopt;
}

}  // namespace

std::optional<QByteArray> HttpResponse::header(QByteArrayView name) const
{
    for (const auto &[n, v] : headers) {
        if (QByteArrayView(n).compare(name, Qt::CaseInsensitive) == 0)
            return v;
    }
    return std::nullopt;
}

std::optional<HttpResponse> HttpResponse::parse(QByteArrayView raw, QString *error)
{
    HttpResponse r;
    qsizetype pos = 0;
    bool first = true;
    while (true) {
        const qsizetype nl = raw.indexOf('\n', pos);
        if (nl < 0)
            return fail(error, QStringLiteral("the head does not end with a blank line"));
        QByteArrayView line = raw.sliced(pos, nl - pos);
        if (line.endsWith('\r'))
            line.chop(1);
        pos = nl + 1;
        if (first) {
            first = false;
            // HTTP/1.1 429 Too Many Requests
            if (!line.startsWith("HTTP/"))
                return fail(error, QStringLiteral("no HTTP status line"));
            const qsizetype sp = line.indexOf(' ');
            if (sp < 0 || line.size() < sp + 4)
                return fail(error, QStringLiteral("malformed status line"));
            bool ok = false;
            r.status = line.sliced(sp + 1, 3).toInt(&ok);
            if (!ok || r.status < 100 || r.status > 599
                || (line.size() > sp + 4 && line.at(sp + 4) != ' '))
                return fail(error, QStringLiteral("malformed status code"));
            r.reason = line.size() > sp + 5 ? line.sliced(sp + 5).toByteArray() : QByteArray();
            continue;
        }
        if (line.isEmpty())
            break;
        const qsizetype colon = line.indexOf(':');
        if (colon <= 0)
            return fail(error,
                QStringLiteral("malformed header line: ")
                    + QString::fromLatin1(line.toByteArray()));
        r.headers.append({line.first(colon).trimmed().toByteArray(),
            line.sliced(colon + 1).trimmed().toByteArray()});
    }
    r.body = raw.sliced(pos).toByteArray();
    return r;
}

}  // namespace wick
