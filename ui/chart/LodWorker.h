// ui/chart: LodWorker runs a chart's history-sized level-of-detail builds on
// its own thread ("wick-chart-lod") and hands each result back to the UI
// thread by a queued call. The newest request of a kind replaces the older
// ones: a build checks its kind's cancel flag and stops early, and the UI side
// drops a result whose token is no longer the latest. Owned by one ChartView;
// its destructor waits for the running job.
#pragma once

#include <functional>
#include <memory>

#include <QObject>

class QThread;

namespace wick {

class LodWorker : public QObject
{
    Q_OBJECT

public:
    explicit LodWorker(QObject *parent = nullptr);
    ~LodWorker() override;

    // Runs job on the worker thread, then done(result) on this object's thread.
    template<class Result>
    void run(std::function<Result()> job, std::function<void(Result &&)> done)
    {
        post([this, job = std::move(job), done = std::move(done)]() mutable {
            auto result = std::make_shared<Result>(job());
            deliver([done = std::move(done), result]() mutable { done(std::move(*result)); });
        });
    }

    // Destroys value on the worker thread: a history-sized container freed on
    // the UI thread is milliseconds of unmapping pages there.
    template<class T>
    void dispose(T &&value)
    {
        auto held = std::make_shared<std::decay_t<T>>(std::forward<T>(value));
        post([held]() mutable { held.reset(); });
    }

private:
    void post(std::function<void()> job);
    void deliver(std::function<void()> done);

    QThread *m_thread = nullptr;
    QObject *m_context = nullptr;  // lives on m_thread: jobs run in its event loop
};

}  // namespace wick
