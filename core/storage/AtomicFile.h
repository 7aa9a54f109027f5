// core/storage/AtomicFile: writing a whole file so that readers see the old
// contents or the new, never a part (QSaveFile: a temporary file renamed over
// the target on success). One function, for every file Wick writes in one go
// (CSV exports, wick-cli outputs); runs on the calling thread.
#pragma once

#include <QByteArrayView>
#include <QString>

namespace wick {

// Writes data to path atomically. On failure the file at path is unchanged,
// *error (when given) says "cannot write PATH: reason" and the result is false.
bool writeFileAtomically(const QString &path, QByteArrayView data, QString *error = nullptr);

}  // namespace wick
