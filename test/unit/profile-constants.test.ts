import { EVENT, TYPES } from '../../protocol/constants';
import { ErrorCode } from '../../protocol/errors';

/** The names and values apps compare against, as @tencentcloud/chat 3.6 has them. */
test('profile and user status TYPES', () => {
  expect(TYPES).toMatchObject({
    GENDER_UNKNOWN: 'Gender_Type_Unknown',
    GENDER_FEMALE: 'Gender_Type_Female',
    GENDER_MALE: 'Gender_Type_Male',
    ALLOW_TYPE_ALLOW_ANY: 'AllowType_Type_AllowAny',
    ALLOW_TYPE_NEED_CONFIRM: 'AllowType_Type_NeedConfirm',
    ALLOW_TYPE_DENY_ANY: 'AllowType_Type_DenyAny',
    FORBID_TYPE_NONE: 'AdminForbid_Type_None',
    FORBID_TYPE_SEND_OUT: 'AdminForbid_Type_SendOut',
    USER_STATUS_UNKNOWN: 0,
    USER_STATUS_ONLINE: 1,
    USER_STATUS_OFFLINE: 2,
    USER_STATUS_UNLOGINED: 3,
  });
});

test('profile and user status EVENTs, and the profile error codes', () => {
  expect(EVENT).toMatchObject({ PROFILE_UPDATED: 'onProfileUpdated', USER_STATUS_UPDATED: 'onUserStatusUpdated' });
  expect(ErrorCode).toMatchObject({
    PROFILE_TAG_NOT_FOUND: 40009,
    PROFILE_VALUE_TOO_LONG: 40601,
    PROFILE_VALUE_INVALID: 40605,
    INVALID_CONVERSATION_TYPE: 2106,
  });
});
