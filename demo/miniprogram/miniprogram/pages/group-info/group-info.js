// A group's info page: its members with their roles, and what the signed-in user's role lets them do there
// (add and remove members, make admins, mute, rename, leave or dismiss, answer join requests). The server
// checks every action again; a refusal shows its code.
const { TencentCloudChat } = require('../../services/session.js');

const { TYPES } = TencentCloudChat;
const MUTE_SECONDS = 10 * 60;
const MEMBER_SEPARATORS = /[\s,，、]+/;
const ROLE_TEXT = {
  [TYPES.GRP_MBR_ROLE_OWNER]: '群主 Owner',
  [TYPES.GRP_MBR_ROLE_ADMIN]: '管理员 Admin',
  [TYPES.GRP_MBR_ROLE_MEMBER]: '成员 Member',
};

Component({
  data: {
    groupID: '',
    name: '',
    newName: '',
    newMembers: '',
    role: '',
    isOwner: false,
    isManager: false,
    members: [],
    applications: [],
    error: '',
  },
  methods: {
    onLoad(query) {
      if (!getApp().globalData.chat) return wx.reLaunch({ url: '/pages/login/login' });
      this.setData({ groupID: decodeURIComponent(query.groupID || '') });
      return this.refresh();
    },
    chat() {
      return getApp().globalData.chat;
    },
    async refresh() {
      const chat = this.chat();
      const { groupID } = this.data;
      const now = Math.floor(Date.now() / 1000);
      const [{ data: profile }, { data: list }] = await Promise.all([
        chat.getGroupProfile({ groupID }),
        chat.getGroupMemberList({ groupID, count: 100 }),
      ]);
      const role = profile.group.selfInfo ? profile.group.selfInfo.role : '';
      const isOwner = role === TYPES.GRP_MBR_ROLE_OWNER;
      const isManager = isOwner || role === TYPES.GRP_MBR_ROLE_ADMIN;
      const self = getApp().globalData.userID;
      const members = list.memberList.map((member) => ({
        userID: member.userID,
        role: member.role,
        roleText: ROLE_TEXT[member.role] || member.role,
        isAdmin: member.role === TYPES.GRP_MBR_ROLE_ADMIN,
        muted: (member.muteUntil || 0) > now,
        isSelf: member.userID === self,
      }));
      let applications = [];
      if (isManager) {
        const { data } = await chat.getGroupApplicationList();
        applications = data.applicationList.filter((application) => application.groupID === groupID);
      }
      this.setData({ name: profile.group.name, role, isOwner, isManager, members, applications });
    },
    async act(action) {
      this.setData({ error: '' });
      try {
        await action(this.chat(), this.data.groupID);
        await this.refresh();
      } catch (error) {
        this.setData({ error: `${error.message}${error.code ? ` (${error.code})` : ''}` });
      }
    },
    userOf(event) {
      return event.currentTarget.dataset.userId;
    },
    onNameInput(event) {
      this.setData({ newName: event.detail.value });
    },
    onMembersInput(event) {
      this.setData({ newMembers: event.detail.value });
    },
    onRename() {
      return this.act((chat, groupID) => chat.updateGroupProfile({ groupID, name: this.data.newName.trim() }));
    },
    onAdd() {
      const userIDList = this.data.newMembers.split(MEMBER_SEPARATORS).filter(Boolean);
      return this.act((chat, groupID) => chat.addGroupMember({ groupID, userIDList }));
    },
    onRemove(event) {
      return this.act((chat, groupID) => chat.deleteGroupMember({ groupID, userIDList: [this.userOf(event)] }));
    },
    onToggleAdmin(event) {
      const member = this.data.members.find((m) => m.userID === this.userOf(event));
      const role = member.isAdmin ? TYPES.GRP_MBR_ROLE_MEMBER : TYPES.GRP_MBR_ROLE_ADMIN;
      return this.act((chat, groupID) => chat.setGroupMemberRole({ groupID, userID: member.userID, role }));
    },
    onToggleMute(event) {
      const member = this.data.members.find((m) => m.userID === this.userOf(event));
      const muteTime = member.muted ? 0 : MUTE_SECONDS;
      return this.act((chat, groupID) => chat.setGroupMemberMuteTime({ groupID, userID: member.userID, muteTime }));
    },
    onAnswer(event) {
      const { userId, action } = event.currentTarget.dataset;
      return this.act((chat, groupID) =>
        chat.handleGroupApplication({ handleAction: action, application: { groupID, applicant: userId } }),
      );
    },
    async onLeave() {
      const { groupID, isOwner } = this.data;
      this.setData({ error: '' });
      try {
        if (isOwner) await this.chat().dismissGroup(groupID);
        else await this.chat().quitGroup(groupID);
        wx.reLaunch({ url: '/pages/conversations/conversations' });
      } catch (error) {
        this.setData({ error: `${error.message}${error.code ? ` (${error.code})` : ''}` });
      }
    },
  },
});
