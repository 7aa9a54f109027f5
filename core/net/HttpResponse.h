// core/net: HttpResponse, a raw HTTP/1.x response parsed into status, headers
// and body (fake servers, recorded fixtures); a plain value, any thread.
#pragma once

#include <optional>

#include <QByteArray>
#include <QByteArrayView>
#include <QList>
#include <QPair>
#include <QString>

namespace wick {

// A raw HTTP/1.x response as text: status line, headers, blank line, body.
// What the small fake servers in the tests send and what recorded fixtures hold;
// the real client reads the same fields from QNetworkReply.
struct HttpResponse {
    int status = 0;
    QByteArray reason;
    QList<QPair<QByteArray, QByteArray>> headers;  // in order, values trimmed
    QByteArray body;

    // The first header of that name (case-insensitive), or empty.
    std::optional<QByteArray> header(QByteArrayView name) const;

    // Parses CRLF or bare LF line ends. Returns nothing and sets `error` when the
    // status line or a header line is malformed, or the head never ends.
    static std::optional<HttpResponse> parse(QByteArrayView raw, QString *error = nullptr);
};

}  // namespace wick
