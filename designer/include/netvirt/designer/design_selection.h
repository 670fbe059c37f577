// DesignSelection: the ids selected in the designer, shared by the diagram, the outline, the
// problems list and the properties editor so that each follows the others. Holds ids only.
// Thread-safety: GUI thread only.
#pragma once

#include <QObject>
#include <QStringList>

namespace netvirt::designer {

class DesignSelection final : public QObject
{
    Q_OBJECT

public:
    explicit DesignSelection(QObject *parent = nullptr) : QObject(parent) {}

    const QStringList &ids() const { return m_ids; }
    QString current() const { return m_ids.isEmpty() ? QString() : m_ids.front(); }
    // `source` is the object that made the change, so it can ignore its own echo.
    void setIds(const QStringList &ids, QObject *source = nullptr)
    {
        if (ids == m_ids)
            return;
        m_ids = ids;
        emit changed(m_ids, source);
    }
    void clear(QObject *source = nullptr) { setIds({}, source); }

signals:
    void changed(const QStringList &ids, QObject *source);

private:
    QStringList m_ids;
};

} // namespace netvirt::designer
