#include "session/CoreMetaTypes.h"

#include <mutex>

#include "alerts/AlertEngine.h"
#include "alerts/AlertEntry.h"
#include "alerts/AlertWebhook.h"
#include "engine/MarketEngine.h"
#include "feeds/Feed.h"
#include "quality/FeedScreen.h"
#include "session/FeedHost.h"
#include "storage/CacheReader.h"
#include "storage/StorageService.h"

namespace wick {

void registerCoreMetaTypes()
{
    static std::once_flag once;
    std::call_once(once, [] {
        qRegisterMetaType<wick::SymbolId>("wick::SymbolId");
        qRegisterMetaType<wick::Timeframe>();
        // mergeFormingBar() and acquireIndicators() through queued connections.
        qRegisterMetaType<wick::Bar>("wick::Bar");
        qRegisterMetaType<wick::OwnerId>("wick::OwnerId");
        qRegisterMetaType<wick::BarsPtr>();
        qRegisterMetaType<wick::TickBatch>();
        qRegisterMetaType<wick::SourceQuotes>();
        qRegisterMetaType<std::vector<wick::Tick>>();
        qRegisterMetaType<std::vector<wick::Symbol>>();
        qRegisterMetaType<wick::FeedState>();
        qRegisterMetaType<wick::FeedHealth>();
        qRegisterMetaType<wick::FeedHealthReading>();
        qRegisterMetaType<wick::ResumePoint>();
        qRegisterMetaType<wick::Credentials>();
        qRegisterMetaType<std::vector<wick::ListedSymbol>>();
        qRegisterMetaType<std::vector<wick::QuarantineRecord>>();
        qRegisterMetaType<wick::MarketSnapshotPtr>();
        qRegisterMetaType<wick::ClosedMinutesPtr>();
        qRegisterMetaType<wick::BarWriteBatch>();
        qRegisterMetaType<wick::CsvImportReport>();
        qRegisterMetaType<wick::StorageErrorKind>();
        qRegisterMetaType<wick::CachedSession>();
        qRegisterMetaType<std::vector<wick::CachedSeries>>();
        qRegisterMetaType<std::vector<wick::AlertFire>>();
        qRegisterMetaType<std::vector<wick::AlertStateRecord>>();
        qRegisterMetaType<wick::AlertWrite>();
        qRegisterMetaType<std::vector<wick::AlertLogEntry>>();
        qRegisterMetaType<wick::WebhookAttempt>();
    });
}

}  // namespace wick
