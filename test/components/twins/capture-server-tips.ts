/**
 * Makes a real server produce group tips and prints them (JSON) as a member's SDK received them, for the twin
 * test, whose browser environment cannot run the Node SDK itself: `tsx test/components/twins/capture-server-tips.ts`.
 */
import TencentCloudChat from 'tidings';
import { ServerProcess } from '../../helpers/server-process';
import { destroyAll, inbox, readyChat, until } from '../../helpers/sdk';

const { TYPES } = TencentCloudChat;

async function main(): Promise<void> {
  const server = await ServerProcess.start();
  try {
    const [alice, bob, carol] = await Promise.all(['alice', 'bob', 'carol'].map((id) => readyChat(server, id)));
    await alice.createGroup({
      name: 'club',
      type: TYPES.GRP_MEETING,
      groupID: 'club',
      memberList: [{ userID: 'bob' }],
    });
    const bobIn = inbox(bob);
    await carol.joinGroup({ groupID: 'club' });
    await alice.setGroupMemberRole({ groupID: 'club', userID: 'bob', role: TYPES.GRP_MBR_ROLE_ADMIN });
    await alice.updateGroupProfile({ groupID: 'club', name: 'book club' });
    await alice.setGroupMemberMuteTime({ groupID: 'club', userID: 'carol', muteTime: 60 });
    await alice.changeGroupOwner({ groupID: 'club', newOwnerID: 'bob' });
    await bob.deleteGroupMember({ groupID: 'club', userIDList: ['carol'] });
    await until(() => bobIn.filter((m) => m.type === TYPES.MSG_GRP_TIP).length === 6);
    process.stdout.write(JSON.stringify(bobIn.filter((m) => m.type === TYPES.MSG_GRP_TIP)));
  } finally {
    await destroyAll();
    await server.close();
  }
}

void main();
