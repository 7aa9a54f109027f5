#include "log/Logging.h"

#include <QDir>
#include <QtGlobal>

#include <spdlog/sinks/rotating_file_sink.h>
#include <spdlog/sinks/stdout_color_sinks.h>
#include <spdlog/spdlog.h>

namespace wick {

namespace {

constexpr std::size_t kMaxFileBytes = 5 * 1024 * 1024;
constexpr std::size_t kMaxFiles = 3;

void forwardQtMessage(QtMsgType type, const QMessageLogContext &, const QString &message)
{
    const std::string text = message.toStdString();
    switch (type) {
    case QtDebugMsg:
        spdlog::debug("qt: {}", text);
        break;
    case QtInfoMsg:
        spdlog::info("qt: {}", text);
        break;
    case QtWarningMsg:
        spdlog::warn("qt: {}", text);
        break;
    case QtCriticalMsg:
        spdlog::error("qt: {}", text);
        break;
    case QtFatalMsg:
        spdlog::critical("qt: {}", text);
        spdlog::default_logger()->flush();
        std::abort();
    }
}

}  // namespace

bool initLogging(const LoggingOptions &options)
{
    std::vector<spdlog::sink_ptr> sinks;
    if (options.console)
        sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
    bool fileOk = true;
    QString path;
    if (!options.directory.isEmpty()) {
        path = QDir(options.directory).filePath(options.fileName);
        try {
            if (!QDir().mkpath(options.directory))
                throw spdlog::spdlog_ex("cannot create directory");
            sinks.push_back(std::make_shared<spdlog::sinks::rotating_file_sink_mt>(
                QDir::toNativeSeparators(path).toStdString(), kMaxFileBytes, kMaxFiles));
        } catch (const spdlog::spdlog_ex &error) {
            fileOk = false;
            if (sinks.empty())
                sinks.push_back(std::make_shared<spdlog::sinks::stderr_color_sink_mt>());
            sinks.front()->log(spdlog::details::log_msg("wick", spdlog::level::err,
                fmt::format("cannot open log file {}: {}", path.toStdString(), error.what())));
        }
    }
    auto logger = std::make_shared<spdlog::logger>("wick", sinks.begin(), sinks.end());
    logger->set_level(options.verbose ? spdlog::level::debug : spdlog::level::info);
    logger->flush_on(spdlog::level::warn);
    logger->set_pattern("%Y-%m-%dT%H:%M:%S.%e%z [%l] [%t] %v");
    spdlog::set_default_logger(logger);
    spdlog::flush_every(std::chrono::seconds(2));
    qInstallMessageHandler(forwardQtMessage);
    if (fileOk && !path.isEmpty())
        spdlog::info("logging to {}", path.toStdString());
    return fileOk;
}

}  // namespace wick
