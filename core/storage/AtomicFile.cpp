#include "storage/AtomicFile.h"

#include <QSaveFile>

namespace wick {

bool writeFileAtomically(const QString &path, QByteArrayView data, QString *error)
{
    QSaveFile file(path);
    if (file.open(QIODevice::WriteOnly) && file.write(data.data(), data.size()) == data.size()
        && file.commit())
        return true;
    // Without commit() the destructor removes the temporary file.
    if (error)
        *error = QStringLiteral("cannot write %1: %2").arg(path, file.errorString());
    return false;
}

}  // namespace wick
