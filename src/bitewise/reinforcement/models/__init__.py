from bitewise.reinforcement.models.campaigns import Campaign, Step, StepKind
from bitewise.reinforcement.models.deliveries import Channel, Delivery, DeliveryState
from bitewise.reinforcement.models.events import (
    Event,
    EventKind,
    EventRegistration,
    RegistrationSource,
)
from bitewise.reinforcement.models.preferences import (
    AddressStatus,
    DeliveryPreferences,
    EmailAddressStatus,
    Unsubscribe,
    UnsubscribeScope,
)
from bitewise.reinforcement.models.topics import TopicDigest, TopicFollow

__all__ = [
    "AddressStatus",
    "Campaign",
    "Channel",
    "Delivery",
    "DeliveryPreferences",
    "DeliveryState",
    "EmailAddressStatus",
    "Event",
    "EventKind",
    "EventRegistration",
    "RegistrationSource",
    "Step",
    "StepKind",
    "TopicDigest",
    "TopicFollow",
    "Unsubscribe",
    "UnsubscribeScope",
]
