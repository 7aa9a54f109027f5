#include "alerts/AlertCondition.h"

#include <cmath>

#include "indicators/IndicatorRegistry.h"

namespace wick {

namespace {

struct Token {
    QString text;
    int column = 0;  // 1-based
};

std::vector<Token> tokenize(const QString &text)
{
    std::vector<Token> tokens;
    int start = -1;
    auto flush = [&](int end) {
        if (start >= 0)
            tokens.push_back(Token {text.mid(start, end - start), start + 1});
        start = -1;
    };
    for (int i = 0; i < text.size(); ++i) {
        const QChar c = text[i];
        if (c.isSpace()) {
            flush(i);
        } else if (c == u'*') {
            flush(i);
            tokens.push_back(Token {QStringLiteral("*"), i + 1});
        } else if (start < 0) {
            start = i;
        }
    }
    flush(int(text.size()));
    return tokens;
}

std::optional<double> parseNumber(const QString &text)
{
    bool ok = false;
    const double v = text.toDouble(&ok);
    if (!ok || !std::isfinite(v))
        return std::nullopt;
    return v;
}

std::optional<AlertOp> comparisonOp(const QString &t)
{
    if (t == u">")
        return AlertOp::Greater;
    if (t == u"<")
        return AlertOp::Less;
    if (t == u">=")
        return AlertOp::GreaterEqual;
    if (t == u"<=")
        return AlertOp::LessEqual;
    return std::nullopt;
}

std::optional<AlertOp> crossOp(const QString &t)
{
    if (t.compare(u"crosses_above", Qt::CaseInsensitive) == 0)
        return AlertOp::CrossesAbove;
    if (t.compare(u"crosses_below", Qt::CaseInsensitive) == 0)
        return AlertOp::CrossesBelow;
    if (t.compare(u"crosses", Qt::CaseInsensitive) == 0)
        return AlertOp::Crosses;
    return std::nullopt;
}

bool isKeyword(const QString &t, const char *word)
{
    return t.compare(QLatin1StringView(word), Qt::CaseInsensitive) == 0;
}

// What the fail helpers return: false where a bool says "parsed", -1 where a
// node index does.
struct Failure {
    operator bool() const { return false; }
    operator int() const { return -1; }
};

class Parser
{
public:
    Parser(const QString &text, AlertCondition &out)
        : m_tokens(tokenize(text))
        , m_out(out)
        , m_length(int(text.size()))
    { }

    bool parse(QString *error)
    {
        if (m_tokens.empty())
            return fail(error, QStringLiteral("empty condition"));
        const int root = orExpr(error);
        if (root < 0)
            return false;
        if (m_pos < m_tokens.size())
            return failAt(error, m_tokens[m_pos], QStringLiteral("expected AND, OR or the end"));
        m_out.root = root;
        return true;
    }

private:
    int orExpr(QString *error)
    {
        int left = andExpr(error);
        while (left >= 0 && m_pos < m_tokens.size() && isKeyword(m_tokens[m_pos].text, "or")) {
            ++m_pos;
            const int right = andExpr(error);
            if (right < 0)
                return -1;
            left = combine(AlertOp::Or, left, right);
        }
        return left;
    }

    int andExpr(QString *error)
    {
        int left = simple(error);
        while (left >= 0 && m_pos < m_tokens.size() && isKeyword(m_tokens[m_pos].text, "and")) {
            ++m_pos;
            const int right = simple(error);
            if (right < 0)
                return -1;
            left = combine(AlertOp::And, left, right);
        }
        return left;
    }

    int combine(AlertOp op, int a, int b)
    {
        AlertNode node;
        node.op = op;
        node.a = a;
        node.b = b;
        return add(node);
    }

    int add(const AlertNode &node)
    {
        m_out.nodes.push_back(node);
        return int(m_out.nodes.size()) - 1;
    }

    int simple(QString *error)
    {
        const Token *first = peek();
        if (!first)
            return failEnd(error, QStringLiteral("expected a condition"));
        AlertNode node;
        if (isKeyword(first->text, "volume_spike")) {
            ++m_pos;
            node.op = AlertOp::VolumeSpike;
            const auto k = number(error, "the factor K of volume_spike K N");
            if (!k)
                return -1;
            const auto n = integer(error, "the bar count N of volume_spike K N");
            if (!n)
                return -1;
            node.factor = *k;
            node.bars = *n;
            m_out.usesBars = true;
            return add(node);
        }
        if (isKeyword(first->text, "stale")) {
            ++m_pos;
            node.op = AlertOp::Stale;
            const Token *t = peek();
            if (!t)
                return failEnd(error, QStringLiteral("expected a duration after stale (30s, 5m)"));
            ++m_pos;
            QString text = t->text;
            if (const Token *unit = peek();
                unit && parseNumber(text) && parseAlertDuration(text + unit->text)) {
                text += unit->text;
                ++m_pos;
            }
            const auto ms = parseAlertDuration(text);
            if (!ms)
                return failAt(error, *t,
                    QStringLiteral("not a duration (a number and s, m, h or d: 30s, 5 m)"));
            node.staleMs = *ms;
            m_out.usesDataStatus = true;
            return add(node);
        }
        if (isKeyword(first->text, "quality")) {
            ++m_pos;
            node.op = AlertOp::Quality;
            const Token *t = peek();
            if (!t)
                return failEnd(error, QStringLiteral("expected <, <=, > or >= after quality"));
            const auto cmp = comparisonOp(t->text);
            if (!cmp)
                return failAt(error, *t, QStringLiteral("expected <, <=, > or >= after quality"));
            ++m_pos;
            const auto x = number(error, "a quality threshold");
            if (!x)
                return -1;
            node.compare = *cmp;
            node.threshold = *x;
            m_out.usesDataStatus = true;
            return add(node);
        }
        if (!operand(node.left, error))
            return -1;
        const Token *opToken = peek();
        if (!opToken)
            return failEnd(error,
                QStringLiteral("expected an operator (> < >= <= crosses_above crosses_below "
                               "crosses enters exits moves)"));
        ++m_pos;
        if (const auto cmp = comparisonOp(opToken->text)) {
            node.op = *cmp;
            return operand(node.right, error) ? add(node) : -1;
        }
        if (const auto cross = crossOp(opToken->text)) {
            node.op = *cross;
            return operand(node.right, error) ? add(node) : -1;
        }
        if (isKeyword(opToken->text, "enters") || isKeyword(opToken->text, "exits")) {
            node.op = isKeyword(opToken->text, "enters") ? AlertOp::Enters : AlertOp::Exits;
            const auto low = number(error, "the range's low");
            if (!low)
                return -1;
            const Token &highToken = *peekOr(opToken);
            const auto high = number(error, "the range's high");
            if (!high)
                return -1;
            if (*high < *low)
                return failAt(
                    error, highToken, QStringLiteral("the range's high is below its low"));
            node.low = *low;
            node.high = *high;
            return add(node);
        }
        if (isKeyword(opToken->text, "moves")) {
            node.op = AlertOp::Moves;
            const Token *p = peek();
            if (!p || !p->text.endsWith(u'%'))
                return p ? int(failAt(error, *p, QStringLiteral("expected a percentage (5%)")))
                         : int(failEnd(error, QStringLiteral("expected a percentage (5%)")));
            const auto percent = parseNumber(p->text.chopped(1));
            if (!percent || *percent <= 0)
                return failAt(error, *p, QStringLiteral("not a positive percentage"));
            ++m_pos;
            if (!keyword(error, "within"))
                return -1;
            const auto k = integer(error, "the bar count K");
            if (!k)
                return -1;
            if (!keyword(error, "bars"))
                return -1;
            node.percent = *percent;
            node.bars = *k;
            return add(node);
        }
        failAt(error, *opToken,
            QStringLiteral("unknown operator (> < >= <= crosses_above crosses_below crosses "
                           "enters exits moves)"));
        return -1;
    }

    bool operand(AlertOperand &out, QString *error)
    {
        const Token *t = peek();
        if (!t)
            return failEnd(error, QStringLiteral("expected an operand (close, a number, RSI:14)"));
        const int startColumn = t->column;
        ++m_pos;
        // NUMBER "*" atom
        if (const Token *star = peek(); star && star->text == u"*") {
            const auto scale = parseNumber(t->text);
            if (!scale)
                return failAt(error, *t, QStringLiteral("not a number (the scale before *)"));
            ++m_pos;
            out.scale = *scale;
            t = peek();
            if (!t)
                return failEnd(error, QStringLiteral("expected an operand after *"));
            ++m_pos;
        } else if (t->text == u"*") {
            return failAt(error, *t, QStringLiteral("expected an operand before *"));
        }
        if (!atom(*t, out, error))
            return false;
        const Token &last = m_tokens[m_pos - 1];
        out.text = last.text;
        if (last.column != startColumn) {
            QStringList parts;
            for (const Token &tok : m_tokens)
                if (tok.column >= startColumn && tok.column <= last.column)
                    parts << tok.text;
            out.text = parts.join(u' ');
        }
        return true;
    }

    bool atom(const Token &t, AlertOperand &out, QString *error)
    {
        static const struct {
            const char *name;
            AlertField field;
        } kFields[] = {{"open", AlertField::Open}, {"high", AlertField::High},
            {"low", AlertField::Low}, {"close", AlertField::Close}, {"volume", AlertField::Volume}};
        for (const auto &f : kFields) {
            if (isKeyword(t.text, f.name)) {
                out.kind = AlertOperand::Kind::Field;
                out.field = f.field;
                m_out.usesBars = true;
                return true;
            }
        }
        if (const auto v = parseNumber(t.text)) {
            out.kind = AlertOperand::Kind::Number;
            out.number = *v;
            return true;
        }
        if (t.text == u"*" || comparisonOp(t.text) || crossOp(t.text))
            return failAt(
                error, t, QStringLiteral("expected an operand (close, a number, RSI:14)"));
        if (!t.text.front().isLetter())
            return failAt(error, t, QStringLiteral("not a number, a bar field or an indicator"));
        // SPEC.OUTPUT naming an output of the spec's last stage, else the whole
        // token is a spec (whose own ".output" names a chained inner output).
        QString specError;
        const qsizetype dot = t.text.lastIndexOf(u'.');
        if (dot > 0) {
            const QString suffix = t.text.mid(dot + 1);
            const bool identifier = !suffix.isEmpty() && suffix.front().isLetter();
            if (identifier) {
                const QString base = t.text.left(dot);
                if (const auto spec = parseIndicatorSpec(base, &specError)) {
                    const QStringList outputs = spec->info().outputs;
                    for (qsizetype k = 0; k < outputs.size(); ++k) {
                        if (outputs[k].compare(suffix, Qt::CaseInsensitive) == 0)
                            return setIndicator(base, int(k), out);
                    }
                    if (outputs.size() > 1 || base.indexOf(u'@') < 0)
                        return failAt(error, t,
                            QStringLiteral("%1 has no output '%2' (it has %3)")
                                .arg(spec->info().name, suffix, outputs.join(u", ")));
                }
            }
        }
        const auto spec = parseIndicatorSpec(t.text, &specError);
        if (!spec)
            return failAt(error, t, specError);
        const QStringList outputs = spec->info().outputs;
        if (outputs.size() > 1)
            return failAt(error, t,
                QStringLiteral("%1 has %2 outputs (%3): name one after a dot, %4.%5")
                    .arg(spec->info().name)
                    .arg(outputs.size())
                    .arg(outputs.join(u", "), t.text, outputs.first()));
        return setIndicator(t.text, 0, out);
    }

    bool setIndicator(const QString &spec, int output, AlertOperand &out)
    {
        out.kind = AlertOperand::Kind::Indicator;
        out.output = output;
        qsizetype index = -1;
        for (qsizetype k = 0; k < m_out.specs.size(); ++k)
            if (m_out.specs[k].compare(spec, Qt::CaseInsensitive) == 0)
                index = k;
        if (index < 0) {
            m_out.specs << spec;
            index = m_out.specs.size() - 1;
        }
        out.spec = int(index);
        m_out.usesBars = true;
        return true;
    }

    std::optional<double> number(QString *error, const char *what)
    {
        const Token *t = peek();
        if (!t) {
            failEnd(error, QStringLiteral("expected %1").arg(QLatin1StringView(what)));
            return std::nullopt;
        }
        const auto v = parseNumber(t->text);
        if (!v) {
            failAt(error, *t, QStringLiteral("not a number (%1)").arg(QLatin1StringView(what)));
            return std::nullopt;
        }
        ++m_pos;
        return v;
    }

    std::optional<int> integer(QString *error, const char *what)
    {
        const Token *t = peek();
        if (!t) {
            failEnd(error, QStringLiteral("expected %1").arg(QLatin1StringView(what)));
            return std::nullopt;
        }
        bool ok = false;
        const int v = t->text.toInt(&ok);
        if (!ok || v < 1 || v > 100000) {
            failAt(error, *t,
                QStringLiteral("not a whole number from 1 to 100000 (%1)")
                    .arg(QLatin1StringView(what)));
            return std::nullopt;
        }
        ++m_pos;
        return v;
    }

    bool keyword(QString *error, const char *word)
    {
        const Token *t = peek();
        if (!t)
            return failEnd(error, QStringLiteral("expected '%1'").arg(QLatin1StringView(word)));
        if (!isKeyword(t->text, word))
            return failAt(error, *t, QStringLiteral("expected '%1'").arg(QLatin1StringView(word)));
        ++m_pos;
        return true;
    }

    const Token *peek() const { return m_pos < m_tokens.size() ? &m_tokens[m_pos] : nullptr; }
    const Token *peekOr(const Token *fallback) const
    {
        const Token *t = peek();
        return t ? t : fallback;
    }

    Failure fail(QString *error, const QString &reason)
    {
        if (error)
            *error = reason;
        return {};
    }
    Failure failAt(QString *error, const Token &t, const QString &reason)
    {
        return fail(error, QStringLiteral("column %1, '%2': %3").arg(t.column).arg(t.text, reason));
    }
    Failure failEnd(QString *error, const QString &reason)
    {
        return fail(
            error, QStringLiteral("column %1, at the end: %2").arg(m_length + 1).arg(reason));
    }

    std::vector<Token> m_tokens;
    AlertCondition &m_out;
    std::size_t m_pos = 0;
    int m_length = 0;
};

}  // namespace

std::optional<AlertCondition> parseAlertCondition(const QString &text, QString *error)
{
    AlertCondition condition;
    Parser parser(text, condition);
    if (!parser.parse(error))
        return std::nullopt;
    return condition;
}

std::optional<TimeMs> parseAlertDuration(const QString &text)
{
    if (text.size() < 2)
        return std::nullopt;
    const QChar unit = text.back().toLower();
    TimeMs scale = 0;
    if (unit == u's')
        scale = 1000;
    else if (unit == u'm')
        scale = kMinuteMs;
    else if (unit == u'h')
        scale = kHourMs;
    else if (unit == u'd')
        scale = kDayMs;
    else
        return std::nullopt;
    const auto v = parseNumber(text.chopped(1));
    if (!v || *v < 0 || *v > 1e9)
        return std::nullopt;
    return TimeMs(std::llround(*v * double(scale)));
}

}  // namespace wick
