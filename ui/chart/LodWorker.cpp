#include "chart/LodWorker.h"

#include <QThread>

#ifdef Q_OS_LINUX
#include <sys/resource.h>
#include <unistd.h>
#endif

namespace wick {

LodWorker::LodWorker(QObject *parent)
    : QObject(parent)
    , m_thread(new QThread)
    , m_context(new QObject)
{
    m_thread->setObjectName(QStringLiteral("wick-chart-lod"));
    m_context->moveToThread(m_thread);
    connect(m_thread, &QThread::finished, m_context, &QObject::deleteLater);
    m_thread->start(QThread::LowPriority);
#ifdef Q_OS_LINUX
    // QThread's priorities are no-ops under Linux's default scheduler: with two
    // cores, a level build and the engine's indicator pass would each take a
    // third of the CPU from the UI thread and preempt it for tens of ms. Nice
    // 10 gives the build about a tenth of a contended core, the whole core
    // when idle (setpriority on a thread id applies to that thread only).
    post([] { ::setpriority(PRIO_PROCESS, static_cast<id_t>(::gettid()), 10); });
#endif
}

LodWorker::~LodWorker()
{
    // Jobs still queued are dropped with the thread's event loop; results
    // already posted to this object die with it.
    m_thread->requestInterruption();
    m_thread->quit();
    m_thread->wait();
    delete m_thread;
}

void LodWorker::post(std::function<void()> job)
{
    QMetaObject::invokeMethod(m_context, std::move(job), Qt::QueuedConnection);
}

void LodWorker::deliver(std::function<void()> done)
{
    QMetaObject::invokeMethod(this, std::move(done), Qt::QueuedConnection);
}

}  // namespace wick
